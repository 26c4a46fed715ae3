package org.quorate.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * The load generator's REST submitter: {@code POST /api/contributions} (SPEC §1, §7) over blocking
 * HTTP/1.1 on a pool of keep-alive connections (Apache HttpClient 5, classic API), one connection
 * per sending thread, as many national systems each on their own connection would.
 *
 * <p>{@link QuorateRest} ({@code java.net.http}) negotiates HTTP/2 and hands every exchange between
 * its selector and executor threads: measured here it used about 1 ms of the machine's CPU per
 * submission, as much as half of what the server spent on it, on the same two cores. A load
 * generator should cost the machine little beside the server it measures.
 */
final class RestSubmitter implements AutoCloseable {
  private static final ContentType PKCS7 = ContentType.create("application/pkcs7-mime");

  private final URI contributions;
  private final CloseableHttpClient client;

  /**
   * @param api the API base URL ({@link QuorateRest#api()}, e.g. {@code
   *     http://localhost:8080/quorate/api})
   * @param connections connections kept open at most (the sending threads)
   * @param timeoutSeconds how long one submission may take, connecting and answering each
   */
  RestSubmitter(String api, int connections, long timeoutSeconds) {
    this.contributions = URI.create(api + "/contributions");
    Timeout timeout = Timeout.ofSeconds(timeoutSeconds);
    PoolingHttpClientConnectionManager pool =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setMaxConnTotal(connections)
            .setMaxConnPerRoute(connections)
            .setDefaultConnectionConfig(
                ConnectionConfig.custom()
                    .setConnectTimeout(Timeout.ofSeconds(10))
                    .setSocketTimeout(timeout)
                    .build())
            .build();
    this.client =
        HttpClients.custom()
            .setConnectionManager(pool)
            .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(timeout).build())
            .disableCookieManagement()
            .disableAutomaticRetries()
            .disableRedirectHandling()
            .build();
  }

  /**
   * Submits one contribution and waits for the node's answer (given once its group committed).
   *
   * @param der DER CMS SignedData
   * @return the answer: status, content type and body (at most {@link QuorateRest#MAX_ANSWER_BYTES}
   *     read)
   * @throws CliException if the server cannot be reached or does not answer in time
   */
  QuorateRest.Answer submit(byte[] der) {
    HttpPost post = new HttpPost(contributions);
    post.setEntity(new ByteArrayEntity(der, PKCS7));
    try {
      return client.execute(
          post,
          response -> {
            HttpEntity entity = response.getEntity();
            String body = "";
            String type = null;
            if (entity != null) {
              type = entity.getContentType();
              try (InputStream in = entity.getContent()) {
                body =
                    new String(in.readNBytes(QuorateRest.MAX_ANSWER_BYTES), StandardCharsets.UTF_8);
              }
            }
            return new QuorateRest.Answer(response.getCode(), type, body);
          });
    } catch (IOException e) {
      throw new CliException("request to " + contributions + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (IOException e) {
      // closing idle connections of a finished run: nothing to do
    }
  }
}
