package dev.vastmesh.vastai.internal;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/** Adds the bearer key. The key lives only here; toString and errors never show it. */
public final class AuthInterceptor implements Interceptor {

  private final String apiKey;

  public AuthInterceptor(String apiKey) {
    this.apiKey = apiKey;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    return chain.proceed(chain.request().newBuilder().header("Authorization", "Bearer " + apiKey).build());
  }

  @Override
  public String toString() {
    return "AuthInterceptor[key=<redacted>]";
  }
}
