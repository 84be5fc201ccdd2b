package dev.vastmesh.vastai;

import dev.vastmesh.vastai.internal.AuthInterceptor;
import dev.vastmesh.vastai.internal.EndpointRateLimiter;
import dev.vastmesh.vastai.internal.RetryInterceptor;
import dev.vastmesh.vastai.model.Balance;
import dev.vastmesh.vastai.model.BillingLine;
import dev.vastmesh.vastai.model.CreateInstance;
import dev.vastmesh.vastai.model.Instance;
import dev.vastmesh.vastai.model.Offer;
import dev.vastmesh.vastai.search.OfferSearch;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A typed client for the Vast.ai REST API, as Vast's CLI uses it: bearer auth, retries on 429,
 * 502, 503, 504 and connection failures, per-endpoint spacing by the documented limits. Answers
 * are read strictly where we rely on them: a list that is empty, not JSON or the wrong shape is
 * an error, never "zero instances".
 *
 * <pre>
 * VastClient vast = VastClient.builder(System.getenv("VASTAI_API_KEY")).build();
 * List&lt;Offer&gt; offers = vast.searchOffers(OfferSearch.parse("gpu_name=RTX_4090").orderBy("dph+"));
 * </pre>
 */
public final class VastClient {

  private static final MediaType JSON_TYPE = MediaType.get("application/json");

  private final OkHttpClient http;
  private final HttpUrl base;
  private final JsonMapper json = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .build();

  JsonMapper json() {
    return json;
  }

  private VastClient(OkHttpClient http, HttpUrl base) {
    this.http = http;
    this.base = base;
  }

  public static Builder builder(String apiKey) {
    return new Builder(apiKey);
  }

  /** The account's notification webhooks and the notification types they may subscribe to. */
  public NotificationWebhooks webhooks() {
    return new NotificationWebhooks(this);
  }

  /** Offers matching the search, in the search's order. */
  public List<Offer> searchOffers(OfferSearch search) {
    JsonNode answer = call(post("/api/v0/bundles/", search.toJson()), "search offers");
    JsonNode offers = answer.get("offers");
    if (offers == null || !offers.isArray()) {
      throw new VastException.MalformedResponse("search offers: the answer has no 'offers' list");
    }
    List<Offer> result = new ArrayList<>();
    for (JsonNode offer : offers) {
      Offer parsed = json.treeToValue(offer, Offer.class);
      if (parsed.id() <= 0) {
        throw new VastException.MalformedResponse("search offers: an offer has no id");
      }
      result.add(parsed);
    }
    return result;
  }

  /**
   * Rents an offer; returns the new instance id.
   *
   * @throws VastException.OfferUnavailable when the offer is gone or taken (404, 410, or Vast's
   *     {@code no_such_ask})
   */
  public long createInstance(long offerId, CreateInstance request) {
    ObjectNode body = json.createObjectNode();
    body.put("client_id", "me");
    body.put("image", request.image());
    body.put("disk", request.disk());
    if (request.label() != null) {
      body.put("label", request.label());
    }
    body.set("env", json.valueToTree(new LinkedHashMap<>(request.env())));
    if (request.onstart() != null) {
      body.put("onstart", request.onstart());
    } else {
      body.putNull("onstart");
    }
    body.put("runtype", request.runtype());
    if (request.price() != null) {
      body.put("price", request.price());
    } else {
      body.putNull("price");
    }
    body.putNull("image_login");
    body.put("force", false);
    body.put("cancel_unavail", false);
    body.putNull("template_hash_id");
    Request put = new Request.Builder().url(url("/api/v0/asks/" + offerId + "/")).put(RequestBody.create(body.toString(), JSON_TYPE)).build();
    JsonNode answer;
    try {
      answer = call(put, "create instance");
    } catch (VastException.Api e) {
      if (e.status() == 404 || e.status() == 410 || e.status() == 400 && e.getMessage().contains("no_such_ask")) {
        throw new VastException.OfferUnavailable(e.status(), offerId, "offer " + offerId + " is no longer available: " + e.getMessage());
      }
      throw e;
    }
    JsonNode contract = answer.get("new_contract");
    if (!answer.path("success").asBoolean(false) || contract == null || !contract.canConvertToLong()) {
      throw new VastException.MalformedResponse("create instance: no new_contract in the answer");
    }
    return contract.longValue();
  }

  /** Every instance of the account: the paginated v1 list, all pages. */
  public List<Instance> listInstances() {
    List<Instance> instances = new ArrayList<>();
    String token = null;
    do {
      HttpUrl.Builder url = url("/api/v1/instances/").newBuilder()
          .addQueryParameter("select_filters", "{}")
          .addQueryParameter("order_by", "[{\"col\":\"id\",\"dir\":\"asc\"}]")
          .addQueryParameter("limit", "25");
      if (token != null) {
        url.addQueryParameter("after_token", token);
      }
      JsonNode page = call(new Request.Builder().url(url.build()).get().build(), "list instances");
      JsonNode list = page.get("instances");
      if (list == null || !list.isArray()) {
        throw new VastException.MalformedResponse("list instances: the answer has no 'instances' list");
      }
      for (JsonNode instance : list) {
        instances.add(instance(instance, "list instances"));
      }
      JsonNode next = page.get("next_token");
      token = next == null || next.isNull() || next.asString().isEmpty() ? null : next.asString();
    } while (token != null);
    return instances;
  }

  /** One instance; empty when Vast says there is none. */
  public Optional<Instance> showInstance(long id) {
    JsonNode answer = call(new Request.Builder().url(url("/api/v0/instances/" + id + "/").newBuilder()
        .addQueryParameter("owner", "me").build()).get().build(), "show instance");
    if (!answer.has("instances")) {
      throw new VastException.MalformedResponse("show instance: the answer has no 'instances' member");
    }
    JsonNode instance = answer.get("instances");
    return instance.isNull() ? Optional.empty() : Optional.of(instance(instance, "show instance"));
  }

  public void destroyInstance(long id) {
    Request delete = new Request.Builder().url(url("/api/v0/instances/" + id + "/")).delete(RequestBody.create("{}", JSON_TYPE)).build();
    requireSuccess(call(delete, "destroy instance"), "destroy instance " + id);
  }

  public void startInstance(long id) {
    modify(id, Map.of("state", "running"), "start instance");
  }

  public void stopInstance(long id) {
    modify(id, Map.of("state", "stopped"), "stop instance");
  }

  public void labelInstance(long id, String label) {
    if (label.length() > 1024) {
      throw new IllegalArgumentException("label must be at most 1024 characters");
    }
    modify(id, Map.of("label", label), "label instance");
  }

  public void rebootInstance(long id) {
    call(new Request.Builder().url(url("/api/v0/instances/reboot/" + id + "/")).put(RequestBody.create("{}", JSON_TYPE)).build(),
        "reboot instance");
  }

  /** Invoice lines between two times (v1 invoices, every page). */
  public List<BillingLine> invoices(Instant from, Instant to) {
    return billing("/api/v1/invoices/", "{\"when\":{\"gte\":" + from.getEpochSecond() + ",\"lte\":" + to.getEpochSecond() + "}}",
        "true", 100, "invoices");
  }

  /**
   * Instance charges between two times (every page), oldest first as Vast's CLI asks for them, so
   * a charge added while paging cannot shift a line onto a page already read; pages of 500, Vast's
   * most, since the endpoint allows one call a second.
   */
  public List<BillingLine> charges(Instant from, Instant to) {
    return billing("/api/v0/charges/", "{\"day\":{\"gte\":" + from.getEpochSecond() + ",\"lte\":" + to.getEpochSecond()
        + "},\"type\":{\"in\":[\"instance\"]}}", "false", 500, "charges");
  }

  /**
   * Every page of a billing list. A page without its list, a line that is not a billing line, an
   * answer saying {@code success: false} (invoices answer a bad range with HTTP 200) or a page
   * token that repeats is an error: a partial bill must never read as a small one.
   */
  private List<BillingLine> billing(String path, String filters, String latestFirst, int limit, String what) {
    List<BillingLine> lines = new ArrayList<>();
    Set<String> tokens = new HashSet<>();
    String token = null;
    do {
      HttpUrl.Builder url = url(path).newBuilder().addQueryParameter("select_filters", filters)
          .addQueryParameter("latest_first", latestFirst).addQueryParameter("limit", String.valueOf(limit));
      if (token != null) {
        url.addQueryParameter("after_token", token);
      }
      JsonNode page = call(new Request.Builder().url(url.build()).get().build(), what);
      requireSuccess(page, what);
      JsonNode results = page.get("results");
      if (results == null || !results.isArray()) {
        throw new VastException.MalformedResponse(what + ": the answer has no 'results' list");
      }
      for (JsonNode line : results) {
        lines.add(billingLine(line, what));
      }
      JsonNode next = page.get("next_token");
      token = next == null || next.isNull() || next.asString().isEmpty() ? null : next.asString();
      if (token != null && !tokens.add(token)) {
        throw new VastException.MalformedResponse(what + ": the same page token came back twice");
      }
    } while (token != null);
    return lines;
  }

  private BillingLine billingLine(JsonNode node, String what) {
    if (!node.isObject()) {
      throw new VastException.MalformedResponse(what + ": a line is not a JSON object");
    }
    try {
      return json.treeToValue(node, BillingLine.class);
    } catch (JacksonException e) {
      throw new VastException.MalformedResponse(what + ": a line has a field of the wrong type");
    }
  }

  public Balance balance() {
    return json.treeToValue(call(new Request.Builder().url(url("/api/v0/users/current/")).get().build(), "balance"), Balance.class);
  }

  private void modify(long id, Map<String, String> change, String what) {
    Request put = new Request.Builder().url(url("/api/v0/instances/" + id + "/"))
        .put(RequestBody.create(json.writeValueAsString(change), JSON_TYPE)).build();
    requireSuccess(call(put, what), what + " " + id);
  }

  private Instance instance(JsonNode node, String what) {
    Instance instance = json.treeToValue(node, Instance.class);
    if (instance.id() <= 0) {
      throw new VastException.MalformedResponse(what + ": an instance has no id");
    }
    return instance;
  }

  static void requireSuccess(JsonNode answer, String what) {
    if (answer.has("success") && !answer.get("success").asBoolean(false)) {
      throw new VastException.Api(200, what + " failed: " + answer.path("msg").asString(answer.path("error").asString("no reason given")));
    }
  }

  private Request post(String path, String body) {
    return new Request.Builder().url(url(path)).post(RequestBody.create(body, JSON_TYPE)).build();
  }

  HttpUrl url(String path) {
    return Objects.requireNonNull(base.resolve(path));
  }

  /** Where an authentication error sends the reader: the places the key comes from, never the key. */
  static final String CHECK_THE_KEY = " (check the API key: VASTAI_API_KEY, VAST_API_KEY or --api-key-file)";

  /** Sends, maps errors, and parses a JSON object answer. */
  JsonNode call(Request request, String what) {
    try (Response response = http.newCall(request).execute()) {
      String body = response.body().string();
      if (!response.isSuccessful()) {
        String message = errorMessage(body);
        throw switch (response.code()) {
          case 401, 403 -> new VastException.Authentication(response.code(), what + ": " + message + CHECK_THE_KEY);
          // Vast answers a key that is no account's with 404 auth_error "Invalid user key".
          case 404 -> authError(body) ? new VastException.Authentication(404, what + ": " + message + CHECK_THE_KEY)
              : new VastException.NotFound(what + ": " + message);
          case 429 -> new VastException.RateLimited(what + ": " + message);
          default -> new VastException.Api(response.code(), what + ": " + message);
        };
      }
      if (body.isBlank()) {
        throw new VastException.MalformedResponse(what + ": the answer is empty");
      }
      JsonNode node;
      try {
        node = json.readTree(body);
      } catch (JacksonException e) {
        throw new VastException.MalformedResponse(what + ": the answer is not JSON");
      }
      if (!node.isObject()) {
        throw new VastException.MalformedResponse(what + ": the answer is not a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new VastException.Transport(what + ": " + e.getClass().getSimpleName() + " talking to " + base.host(), e);
    }
  }

  private boolean authError(String body) {
    try {
      return "auth_error".equals(json.readTree(body).path("error").asString(""));
    } catch (JacksonException notJson) {
      return false;
    }
  }

  /** Vast's error text: JSON {msg|error|detail} or plain text, shortened. */
  private String errorMessage(String body) {
    String message = body.strip();
    try {
      JsonNode node = json.readTree(body);
      for (String field : List.of("msg", "detail", "error")) {
        if (node.path(field).isString()) {
          message = node.get(field).asString();
          break;
        }
      }
    } catch (JacksonException notJson) {
      // plain text, as Vast sends for some errors
    }
    message = message.replaceAll("[\\r\\n]+", " ");
    return message.isEmpty() ? "(no message)" : message.length() > 300 ? message.substring(0, 300) + "..." : message;
  }

  @Override
  public String toString() {
    return "VastClient[" + base + ", key=<redacted>]";
  }

  /** Configures a client; the API key is required and never shown. */
  public static final class Builder {
    private final String apiKey;
    private String baseUrl = "https://console.vast.ai";
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(60);
    private int attempts = 3;
    private Duration initialBackoff = Duration.ofMillis(150);
    private Map<EndpointRateLimiter.Endpoint, Duration> spacing = EndpointRateLimiter.documented();

    private Builder(String apiKey) {
      if (apiKey == null || apiKey.isBlank()) {
        throw new IllegalArgumentException("a Vast.ai API key is required (VASTAI_API_KEY)");
      }
      this.apiKey = apiKey.strip();
    }

    /** Default {@code https://console.vast.ai} (the CLI honours {@code VAST_URL} the same way). */
    public Builder baseUrl(String url) {
      this.baseUrl = url;
      return this;
    }

    public Builder timeouts(Duration connect, Duration read) {
      this.connectTimeout = connect;
      this.readTimeout = read;
      return this;
    }

    public Builder retries(int attempts, Duration initialBackoff) {
      this.attempts = attempts;
      this.initialBackoff = initialBackoff;
      return this;
    }

    /** Per-endpoint spacing; {@link EndpointRateLimiter#documented()} by default, empty to turn it off. */
    public Builder rateLimits(Map<EndpointRateLimiter.Endpoint, Duration> value) {
      this.spacing = Map.copyOf(value);
      return this;
    }

    public VastClient build() {
      HttpUrl url = HttpUrl.parse(baseUrl);
      if (url == null) {
        throw new IllegalArgumentException("not a URL: " + baseUrl);
      }
      OkHttpClient http = new OkHttpClient.Builder()
          .connectTimeout(connectTimeout)
          .readTimeout(readTimeout)
          .addInterceptor(new EndpointRateLimiter(spacing))
          .addInterceptor(new RetryInterceptor(attempts, initialBackoff, 1.5, Duration.ofSeconds(5)))
          .addInterceptor(new AuthInterceptor(apiKey))
          .build();
      return new VastClient(http, url);
    }

    @Override
    public String toString() {
      return "VastClient.Builder[" + baseUrl + ", key=<redacted>]";
    }
  }

}
