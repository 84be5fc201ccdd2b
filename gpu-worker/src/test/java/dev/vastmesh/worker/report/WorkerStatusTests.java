package dev.vastmesh.worker.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerStatusTests {

  final WorkerStatus status = new WorkerStatus();

  static WorkerStatus.Finished request(long idx) {
    return new WorkerStatus.Finished(idx, true, "Success", 1.0, 1.0, 2.0);
  }

  @Test
  void finishedRequestsWaitForTheReportInOrderAndAFailedReportPutsThemBackInFront() {
    status.finished(request(1), 1, false);
    status.finished(request(2), 1, false);
    List<WorkerStatus.Finished> sent = status.takeFinished();
    status.finished(request(3), 1, false);
    status.putBack(sent);

    assertThat(status.takeFinished()).extracting(WorkerStatus.Finished::requestIdx).containsExactly(1L, 2L, 3L);
    assertThat(status.takeFinished()).isEmpty();
  }

  @Test
  void withNothingReportingThemFinishedRequestsAreNotKept() {
    status.discardFinished();
    for (int i = 0; i < 1000; i++) {
      status.finished(request(i), 1, false);
    }
    assertThat(status.takeFinished()).isEmpty();
    assertThat(status.counters()).containsEntry("cur_perf", 1000.0);
  }

  @Test
  void anAutoscalerAwayForLongCostsTheOldestRecordsNotUnboundedMemory() {
    int over = 5;
    for (int i = 0; i < WorkerStatus.MAX_UNREPORTED + over; i++) {
      status.finished(request(i), 1, false);
    }
    List<WorkerStatus.Finished> kept = status.takeFinished();

    assertThat(kept).hasSize(WorkerStatus.MAX_UNREPORTED);
    assertThat(kept.getFirst().requestIdx()).isEqualTo(over);
    assertThat(status.droppedFinished()).isEqualTo(over);
  }
}
