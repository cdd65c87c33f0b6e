package ling.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import ling.standalone.Api.Session;
import org.junit.jupiter.api.Test;

/** Uploads at their edges: requests that race for one upload, and one-shot uploads cut off by a stop. */
class UploadEdgesTest extends SharedStackTest {

  @Test
  void racingPatchesOfOneUploadGetItOnceAndAConflictNeverAnOutage() throws Exception {
    Session alice = api.register("race");
    FileClient files = new FileClient(stack.port);
    byte[] chunk = FileClient.random(64 * 1024, 11);
    List<Integer> statuses = new ArrayList<>();
    for (int round = 0; round < 15; round++) {
      String location = files.create(alice, chunk.length);
      List<CompletableFuture<HttpResponse<Void>>> racing = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        HttpRequest patch = FileClient.request(alice, "PATCH", location, Map.of("Upload-Offset", "0",
            "Content-Type", "application/offset+octet-stream"), chunk);
        racing.add(files.http.sendAsync(patch, HttpResponse.BodyHandlers.discarding()));
      }
      List<Integer> round2 = new ArrayList<>();
      for (CompletableFuture<HttpResponse<Void>> response : racing) {
        round2.add(response.get().statusCode());
      }
      assertTrue(round2.contains(204), "one of them wrote it: " + round2);
      statuses.addAll(round2);
    }
    assertTrue(Set.of(204, 409).containsAll(statuses), "only 204 and 409: " + statuses);
  }

  @Test
  void partsOfOneShotUploadsCutOffByAStopAreRemovedAtTheNextStart() throws Exception {
    Path multipart = Path.of(stack.config.getString("dataDir"), "files", "multipart");
    Files.createDirectories(multipart);
    Path leftover = Files.writeString(multipart.resolve("cut-off-upload"), "half a file");
    stack.restartFileService();
    assertFalse(Files.exists(leftover));
    // and the service works on (the first upload after its restart may meet a gateway that still
    // knows its old address: 503, to be sent again, as the contract says)
    Session bob = api.register("afterstop");
    int status = api.upload("/files", bob.bearer(), "file", "whole.txt", "whole".getBytes(), "text/plain").status();
    if (status == 503) {
      status = api.upload("/files", bob.bearer(), "file", "whole.txt", "whole".getBytes(), "text/plain").status();
    }
    assertEquals(201, status);
  }
}
