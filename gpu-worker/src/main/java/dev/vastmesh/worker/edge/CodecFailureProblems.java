package dev.vastmesh.worker.edge;

import dev.vastmesh.support.problem.ProblemJson;
import dev.vastmesh.support.problem.StatusProblems;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;

/**
 * Reactor Netty's answers to requests its HTTP codec could not decode (a malformed request line
 * or chunk header, headers or a request target over the limits) go with an empty body and never
 * reach the application; this handler, between the codec and Reactor Netty, gives them an
 * RFC 9457 problem. Every answer of ours has a body or a content type, so an empty, untyped
 * error response is only ever one of the codec's.
 */
@ChannelHandler.Sharable
final class CodecFailureProblems extends ChannelOutboundHandlerAdapter {

  static final String NAME = "vastmesh.codecFailureProblems";

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
    if (msg instanceof FullHttpResponse response && isCodecFailure(response)) {
      byte[] body = ProblemJson.bytes(StatusProblems.of(response.status().code()));
      FullHttpResponse problem = new DefaultFullHttpResponse(response.protocolVersion(), response.status(),
          Unpooled.wrappedBuffer(body), response.headers().copy(), response.trailingHeaders());
      problem.headers().set(HttpHeaderNames.CONTENT_TYPE, ProblemJson.MEDIA_TYPE)
          .set(HttpHeaderNames.CONTENT_LENGTH, body.length);
      response.release();
      ctx.write(problem, promise);
      return;
    }
    ctx.write(msg, promise);
  }

  private static boolean isCodecFailure(FullHttpResponse response) {
    return response.status().code() >= 400 && response.content().readableBytes() == 0
        && !response.headers().contains(HttpHeaderNames.CONTENT_TYPE);
  }
}
