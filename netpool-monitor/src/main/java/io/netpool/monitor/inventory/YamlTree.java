package io.netpool.monitor.inventory;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document read into a small tree that remembers where each key and value is (Jackson's
 * {@link JsonParser#currentTokenLocation()}: 1-based line and column). Jackson's own {@code
 * JsonNode} drops locations, so the tree is built here from the token stream.
 *
 * <p>Anchors and aliases ({@code &name}, {@code *name}) are resolved, and merge keys ({@code <<:
 * *name}) are applied (explicit keys win). Duplicate keys, more than one document and syntax errors
 * are reported as {@link Problem}s.
 */
public final class YamlTree {
  private static final YAMLFactory FACTORY = new YAMLFactory();

  /** A 1-based position in the file. */
  public record Mark(int line, int column) {
    static Mark of(JsonLocation l) {
      return new Mark(Math.max(0, l.getLineNr()), Math.max(0, l.getColumnNr()));
    }
  }

  public sealed interface Node permits Scalar, MapNode, SeqNode {
    Mark mark();

    /** "a string", "a number", "a list", ... for messages. */
    String kind();
  }

  /**
   * A scalar. {@code token} tells how YAML typed it (a quoted {@code "22"} is a string, a plain
   * {@code 22} an integer, a plain {@code off} a boolean); {@code text} is the text as written.
   */
  public record Scalar(String text, JsonToken token, Mark mark) implements Node {
    public boolean isNull() {
      return token == JsonToken.VALUE_NULL;
    }

    /** A value that was already reported as wrong (an unknown alias). */
    public boolean isBroken() {
      return token == JsonToken.NOT_AVAILABLE;
    }

    @Override
    public String kind() {
      return switch (token) {
        case VALUE_NUMBER_INT -> "an integer";
        case VALUE_NUMBER_FLOAT -> "a decimal number";
        case VALUE_TRUE, VALUE_FALSE -> "a boolean";
        case VALUE_NULL -> "an empty value";
        default -> "a string";
      };
    }
  }

  /** A key of a mapping with the key's own position. */
  public record Entry(String key, Mark keyMark, Node value) {}

  public record MapNode(Map<String, Entry> entries, Mark mark) implements Node {
    @Override
    public String kind() {
      return "a mapping";
    }
  }

  public record SeqNode(List<Node> items, Mark mark) implements Node {
    @Override
    public String kind() {
      return "a list";
    }
  }

  private final String file;
  private final List<Problem> problems;
  private final Map<String, Node> anchors = new HashMap<>();
  private YAMLParser parser;

  private YamlTree(String file, List<Problem> problems) {
    this.file = file;
    this.problems = problems;
  }

  /**
   * Parses {@code content}. Returns the root node, or null when the file is empty or unreadable
   * (then a problem has been added).
   */
  static Node parse(String file, byte[] content, List<Problem> problems) {
    return new YamlTree(file, problems).parse(content);
  }

  @SuppressWarnings(
      "deprecation") // Jackson's MarkedYAMLException: the only way to the problem mark
  private Node parse(byte[] content) {
    try (JsonParser p = FACTORY.createParser(content)) {
      parser = (YAMLParser) p;
      JsonToken t = parser.nextToken();
      if (t == null) {
        problems.add(new Problem(file, 1, 1, "", "the file is empty (no YAML document)"));
        return null;
      }
      Node root = read(t);
      JsonToken next = parser.nextToken();
      if (next != null) {
        Mark m = Mark.of(parser.currentTokenLocation());
        problems.add(
            new Problem(
                file,
                m.line(),
                m.column(),
                "",
                "a second YAML document ('---') is not allowed; put everything in one document"));
      }
      return root;
    } catch (com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.MarkedYAMLException e) {
      var mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      int line = mark == null ? lineOf(e) : mark.getLine() + 1;
      int column = mark == null ? 0 : mark.getColumn() + 1;
      String what = e.getProblem() != null ? e.getProblem() : e.getOriginalMessage();
      String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
      problems.add(new Problem(file, line, column, "", "YAML syntax error: " + what + context));
      return null;
    } catch (JsonProcessingException e) {
      String msg = e.getOriginalMessage();
      int nl = msg == null ? -1 : msg.indexOf('\n');
      problems.add(
          new Problem(
              file,
              lineOf(e),
              e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getColumnNr()),
              "",
              "YAML syntax error: " + (nl < 0 ? msg : msg.substring(0, nl))));
      return null;
    } catch (IOException e) {
      problems.add(new Problem(file, 0, 0, "", "cannot read: " + e.getMessage()));
      return null;
    }
  }

  private static int lineOf(JsonProcessingException e) {
    return e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
  }

  private Node read(JsonToken t) throws IOException {
    Mark mark = Mark.of(parser.currentTokenLocation());
    if (parser.isCurrentAlias()) {
      String name = parser.getText();
      Node target = anchors.get(name);
      if (target == null) {
        problems.add(
            new Problem(file, mark.line(), mark.column(), "", "unknown alias '*" + name + "'"));
        return new Scalar("", JsonToken.NOT_AVAILABLE, mark); // reported; not reported again
      }
      return target;
    }
    String anchor = parser.getObjectId(); // the node's anchor (&name), or null
    Node node =
        switch (t) {
          case START_OBJECT -> readMap(mark);
          case START_ARRAY -> readSeq(mark);
          default -> new Scalar(parser.getText(), t, mark);
        };
    if (anchor != null) {
      anchors.put(anchor, node);
    }
    return node;
  }

  private Node readMap(Mark mark) throws IOException {
    Map<String, Entry> entries = new LinkedHashMap<>();
    List<Node> merges = new ArrayList<>();
    JsonToken t;
    while ((t = parser.nextToken()) != JsonToken.END_OBJECT) {
      if (t != JsonToken.FIELD_NAME) {
        throw new IOException("unexpected " + t + " in a mapping");
      }
      String key = parser.currentName();
      Mark keyMark = Mark.of(parser.currentTokenLocation());
      Node value = read(parser.nextToken());
      if (key.equals("<<")) {
        merges.add(value);
        continue;
      }
      Entry previous = entries.putIfAbsent(key, new Entry(key, keyMark, value));
      if (previous != null) {
        problems.add(
            new Problem(
                file,
                keyMark.line(),
                keyMark.column(),
                "",
                "duplicate key '"
                    + key
                    + "' (first at line "
                    + previous.keyMark().line()
                    + "); a YAML mapping must not repeat a key"));
      }
    }
    for (Node merge : merges) {
      List<Node> sources = merge instanceof SeqNode s ? s.items() : List.of(merge);
      for (Node source : sources) {
        if (source instanceof MapNode m) {
          m.entries().forEach(entries::putIfAbsent);
        } else {
          problems.add(
              new Problem(
                  file,
                  source.mark().line(),
                  source.mark().column(),
                  "",
                  "merge key '<<' needs a mapping (or a list of mappings), not " + source.kind()));
        }
      }
    }
    return new MapNode(Collections.unmodifiableMap(entries), mark);
  }

  private Node readSeq(Mark mark) throws IOException {
    List<Node> items = new ArrayList<>();
    JsonToken t;
    while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
      items.add(read(t));
    }
    return new SeqNode(Collections.unmodifiableList(items), mark);
  }
}
