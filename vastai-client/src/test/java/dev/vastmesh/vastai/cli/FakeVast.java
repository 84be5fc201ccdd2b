package dev.vastmesh.vastai.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A local server speaking Vast's contract with scripted behaviour: offers, what creating each
 * offer answers, the states an instance goes through (the last one repeats), and a record of
 * destroyed instances.
 */
final class FakeVast extends Dispatcher {

  static final String KEY = "cli-test-key";

  String offersJson = "{\"offers\":[]}";
  String instancesJson = "{\"success\":true,\"instances\":[],\"next_token\":null}";
  final Map<Long, Integer> createStatus = new ConcurrentHashMap<>();
  final Map<Long, List<String>> statesByOffer = new ConcurrentHashMap<>();
  final Map<Long, Boolean> bidByOffer = new ConcurrentHashMap<>();
  final Map<Long, Long> offerOfInstance = new ConcurrentHashMap<>();
  final Map<Long, Integer> polls = new ConcurrentHashMap<>();
  final List<Long> destroyed = new CopyOnWriteArrayList<>();
  /** Instances Vast no longer has: shown as {@code null}, a destroy answered 404. */
  final java.util.Set<Long> gone = java.util.concurrent.ConcurrentHashMap.newKeySet();
  final List<String> created = new CopyOnWriteArrayList<>();
  final List<String> requests = new CopyOnWriteArrayList<>();
  /** Each request as {@code METHOD path body} (body empty when there is none). */
  final List<String> requestsWithBodies = new CopyOnWriteArrayList<>();
  private final AtomicLong nextInstance = new AtomicLong(1000);

  private static final Pattern ASK = Pattern.compile("/api/v0/asks/(\\d+)/");
  private static final Pattern INSTANCE = Pattern.compile("/api/v0/instances/(\\d+)/");

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = request.getUrl().encodedPath();
    requests.add(request.getMethod() + " " + path);
    requestsWithBodies.add(request.getMethod() + " " + path + " " + (request.getBody() == null ? "" : request.getBody().utf8()));
    if (!("Bearer " + KEY).equals(request.getHeaders().get("Authorization"))) {
      return json(401, "{\"detail\":\"Invalid API key\"}");
    }
    if (path.equals("/api/v0/bundles/")) {
      return json(200, offersJson);
    }
    if (path.equals("/api/v1/instances/")) {
      return json(200, instancesJson);
    }
    Matcher ask = ASK.matcher(path);
    if (ask.matches()) {
      long offer = Long.parseLong(ask.group(1));
      int status = createStatus.getOrDefault(offer, 200);
      if (status != 200) {
        return json(status, "{\"success\":false,\"error\":\"no_such_ask\",\"msg\":\"Instance type no longer available\"}");
      }
      long instance = nextInstance.incrementAndGet();
      offerOfInstance.put(instance, offer);
      created.add(request.getBody().utf8());
      return json(200, "{\"success\":true,\"new_contract\":" + instance + "}");
    }
    Matcher one = INSTANCE.matcher(path);
    if (one.matches()) {
      long id = Long.parseLong(one.group(1));
      if (gone.contains(id)) {
        return request.getMethod().equals("DELETE") ? json(404, "{\"success\":false,\"error\":\"no_such_instance\"}")
            : json(200, "{\"instances\":null}");
      }
      if (request.getMethod().equals("DELETE")) {
        destroyed.add(id);
        return json(200, "{\"success\":true}");
      }
      Long offer = offerOfInstance.get(id);
      List<String> states = offer == null ? List.of("running|ok") : statesByOffer.getOrDefault(offer, List.of("running|ok"));
      int poll = polls.merge(id, 1, Integer::sum) - 1;
      String[] state = states.get(Math.min(poll, states.size() - 1)).split("\\|", 2);
      return json(200, "{\"instances\":{\"id\":" + id + ",\"actual_status\":\"" + state[0] + "\",\"status_msg\":\"" + state[1]
          + "\",\"gpu_name\":\"RTX 4090\",\"dph_total\":0.34,\"public_ipaddr\":\"203.0.113.4\",\"is_bid\":"
          + bidByOffer.getOrDefault(offer == null ? -1L : offer, false)
          + ",\"ports\":{\"3000/tcp\":[{\"HostIp\":\"0.0.0.0\",\"HostPort\":\"41234\"}]}}}");
    }
    return json(404, "{\"msg\":\"no such endpoint\"}");
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
  }

  static String offers(double... prices) {
    List<String> offers = new ArrayList<>();
    for (int i = 0; i < prices.length; i++) {
      offers.add("{\"id\":" + (i + 1) + ",\"gpu_name\":\"RTX 4090\",\"num_gpus\":1,\"dph_total\":" + prices[i]
          + ",\"reliability2\":0.99,\"geolocation\":\"US\",\"inet_down\":900,\"cuda_max_good\":12.4}");
    }
    return "{\"offers\":[" + String.join(",", offers) + "]}";
  }
}
