package org.openvpp.openadr.vtn;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Webhook delivery through the VTN: retried when the subscriber fails, never holding a request. */
class WebhookDeliveryTest {

  @Test
  void aFailingSubscriberIsCalledAgain() {
    try (VtnFixture vtn = new VtnFixture();
        Receiver receiver = new Receiver(2)) {
      vtn.api.call(
          "POST",
          "/subscriptions",
          "",
          vtn.blToken,
          Bodies.subscription("utility", receiver.url().toString(), "[\"PROGRAM\"]"));
      vtn.api.call("POST", "/programs", "", vtn.blToken, Bodies.program("retried"));
      Receiver.Received n = receiver.next();
      assertThat(n.body().path("object").path("programName").asText()).isEqualTo("retried");
      assertThat(receiver.requests.get()).isEqualTo(3);
    }
  }

  @Test
  void aStuckSubscriberDoesNotHoldTheRequest() throws IOException, InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch called = new CountDownLatch(1);
    HttpServer stuck =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    stuck.setExecutor(Executors.newFixedThreadPool(2));
    stuck.createContext(
        "/",
        ex -> {
          if (ex.getRequestMethod().equals("GET")) {
            Echo.answer(ex);
            return;
          }
          called.countDown();
          try {
            release.await(20, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          ex.sendResponseHeaders(204, -1);
          ex.close();
        });
    stuck.start();
    try (VtnFixture vtn = new VtnFixture()) {
      String url = "http://127.0.0.1:" + stuck.getAddress().getPort() + "/hook";
      vtn.api.call(
          "POST",
          "/subscriptions",
          "",
          vtn.blToken,
          Bodies.subscription("utility", url, "[\"PROGRAM\"]"));
      // Both answers come while the subscriber still holds the first notification.
      assertThat(vtn.api.call("POST", "/programs", "", vtn.blToken, Bodies.program("a")).status())
          .isEqualTo(201);
      assertThat(called.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(vtn.api.call("POST", "/programs", "", vtn.blToken, Bodies.program("b")).status())
          .isEqualTo(201);
      assertThat(release.getCount()).isEqualTo(1);
    } finally {
      release.countDown();
      stuck.stop(0);
    }
  }
}
