package org.quorate.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document covers the whole REST API: every JAX-RS resource method of the web module
 * (found by reflection over the compiled classes) has an entry for its path and HTTP method, with
 * each path and query parameter and at least one response, and every error answer names the {@code
 * Error} shape. A new resource without its entry fails this test.
 */
class OpenApiDocumentTest {
  private static final Map<Class<? extends Annotation>, String> METHODS =
      Map.of(
          GET.class, "get",
          POST.class, "post",
          PUT.class, "put",
          DELETE.class, "delete",
          PATCH.class, "patch",
          HEAD.class, "head",
          OPTIONS.class, "options");

  private static JsonNode doc;

  /** One resource method: path below the application path, HTTP method, its parameters. */
  record Endpoint(String path, String method, List<String> pathParams, List<String> queryParams) {}

  @BeforeAll
  static void read() throws IOException {
    try (InputStream in = OpenApiResource.class.getResourceAsStream(OpenApiResource.DOCUMENT)) {
      assertThat(in).as(OpenApiResource.DOCUMENT).isNotNull();
      doc = new JsonMapper().readTree(in);
    }
  }

  static List<Endpoint> endpoints() throws IOException, URISyntaxException {
    java.nio.file.Path root =
        Paths.get(
            OpenApiResource.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Endpoint> out = new ArrayList<>();
    try (Stream<java.nio.file.Path> files = Files.walk(root)) {
      for (java.nio.file.Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        String name = root.relativize(f).toString().replace('/', '.').replace('\\', '.');
        name = name.substring(0, name.length() - ".class".length());
        if (name.contains("$") || name.endsWith("package-info")) {
          continue;
        }
        Class<?> c;
        try {
          c = Class.forName(name, false, OpenApiDocumentTest.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
          throw new AssertionError("cannot load " + name, e);
        }
        Path base = c.getAnnotation(Path.class);
        if (base == null) {
          continue;
        }
        for (Method m : c.getDeclaredMethods()) {
          String verb = verb(m);
          if (verb == null) {
            continue;
          }
          Path sub = m.getAnnotation(Path.class);
          String path = join(base.value(), sub == null ? "" : sub.value());
          List<String> pathParams = new ArrayList<>();
          List<String> queryParams = new ArrayList<>();
          for (Parameter p : m.getParameters()) {
            if (p.getAnnotation(PathParam.class) != null) {
              pathParams.add(p.getAnnotation(PathParam.class).value());
            }
            if (p.getAnnotation(QueryParam.class) != null) {
              queryParams.add(p.getAnnotation(QueryParam.class).value());
            }
          }
          out.add(new Endpoint(path, verb, pathParams, queryParams));
        }
      }
    }
    return out;
  }

  private static String verb(Method m) {
    for (Map.Entry<Class<? extends Annotation>, String> e : METHODS.entrySet()) {
      if (m.getAnnotation(e.getKey()) != null) {
        return e.getValue();
      }
    }
    return null;
  }

  /** Joins class and method paths as JAX-RS does, with a leading slash and none trailing. */
  static String join(String a, String b) {
    String p = ("/" + a + "/" + b).replaceAll("/+", "/");
    // JAX-RS templates may carry a regex ({id: .+}); the document names the parameter only.
    p = p.replaceAll("\\{\\s*([^}:\\s]+)\\s*:[^}]*}", "{$1}");
    return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }

  @Test
  void reflectionFindsTheKnownResources() throws Exception {
    List<Endpoint> all = endpoints();
    assertThat(all)
        .extracting(e -> e.method() + " " + e.path())
        .contains(
            "post /contributions",
            "get /missions/{mission}/proposals/{id}/bundle",
            "put /clearances/{user}",
            "get /openapi.json");
  }

  @Test
  void everyResourceMethodHasItsEntry() throws Exception {
    List<String> missing = new ArrayList<>();
    for (Endpoint e : endpoints()) {
      JsonNode op = doc.path("paths").path(e.path()).path(e.method());
      if (op.isMissingNode()) {
        missing.add(e.method().toUpperCase(java.util.Locale.ROOT) + " " + e.path());
        continue;
      }
      TreeSet<String> declared = new TreeSet<>();
      for (JsonNode p : op.path("parameters")) {
        declared.add(p.path("in").asText() + ":" + p.path("name").asText());
      }
      for (String p : e.pathParams()) {
        if (!declared.contains("path:" + p)) {
          missing.add(e.method() + " " + e.path() + " path parameter " + p);
        }
      }
      for (String q : e.queryParams()) {
        if (!declared.contains("query:" + q)) {
          missing.add(e.method() + " " + e.path() + " query parameter " + q);
        }
      }
      if (op.path("responses").size() == 0) {
        missing.add(e.method() + " " + e.path() + " has no response");
      }
    }
    assertThat(missing).as("entries missing from " + OpenApiResource.DOCUMENT).isEmpty();
  }

  @Test
  void everyDocumentedOperationExists() throws Exception {
    TreeSet<String> real = new TreeSet<>();
    for (Endpoint e : endpoints()) {
      real.add(e.method() + " " + e.path());
    }
    List<String> stale = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> p = it.next();
      for (Iterator<String> ms = p.getValue().fieldNames(); ms.hasNext(); ) {
        String m = ms.next();
        if (!real.contains(m + " " + p.getKey())) {
          stale.add(m + " " + p.getKey());
        }
      }
    }
    assertThat(stale).as("documented but no such resource method").isEmpty();
  }

  @Test
  void errorAnswersUseTheErrorShape() {
    List<String> wrong = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> p = it.next();
      for (Iterator<Map.Entry<String, JsonNode>> ms = p.getValue().fields(); ms.hasNext(); ) {
        Map.Entry<String, JsonNode> m = ms.next();
        for (Iterator<Map.Entry<String, JsonNode>> rs = m.getValue().path("responses").fields();
            rs.hasNext(); ) {
          Map.Entry<String, JsonNode> r = rs.next();
          JsonNode json = r.getValue().path("content").path("application/json").path("schema");
          boolean error = r.getKey().startsWith("4") || r.getKey().startsWith("5");
          if (error
              && !json.isMissingNode()
              && !json.path("$ref").asText().equals("#/components/schemas/Error")
              && !json.path("$ref").asText().equals("#/components/schemas/SubmissionAnswer")
              // health probes answer 503 in their own shape, naming what is down
              && !json.path("$ref").asText().equals("#/components/schemas/Health")) {
            wrong.add(m.getKey() + " " + p.getKey() + " " + r.getKey());
          }
        }
      }
    }
    assertThat(doc.path("openapi").asText()).startsWith("3.1");
    assertThat(wrong).isEmpty();
  }

  @Test
  void joinFollowsJaxRs() {
    assertThat(join("/missions/{mission}/log", "/sth")).isEqualTo("/missions/{mission}/log/sth");
    assertThat(join("/", "openapi.json")).isEqualTo("/openapi.json");
    assertThat(join("/contributions", "")).isEqualTo("/contributions");
    assertThat(join("/x", "{id: .+}")).isEqualTo("/x/{id}");
  }
}
