package dev.vastmesh.vastai.cli.cost;

import dev.vastmesh.vastai.cli.CliTestSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The real entry point against {@link FakeVastBilling}, with stdout and stderr captured. */
abstract class CostCliSupport extends CliTestSupport<FakeVastBilling> {

  CostCliSupport() {
    super(new FakeVastBilling());
  }

  int run(String... args) {
    return runWithKey(FakeVastBilling.KEY, args);
  }

  /** A dollar figure of the JSON output, without trailing zeros. */
  static String dollars(JsonNode amount) {
    return amount.decimalValue().stripTrailingZeros().toPlainString();
  }

  JsonNode output() {
    return JsonMapper.builder().build().readTree(out.toString());
  }
}
