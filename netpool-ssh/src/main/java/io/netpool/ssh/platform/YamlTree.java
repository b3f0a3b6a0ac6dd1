package io.netpool.ssh.platform;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document read into a small tree that keeps the line and column of every key and value, so
 * that a profile error can say where it is. Built on Jackson's streaming YAML parser.
 */
final class YamlTree {
  private static final YAMLFactory FACTORY = new YAMLFactory();

  private YamlTree() {}

  /** A node with its 1-based position in the file. */
  sealed interface Node permits Scalar, Mapping, Sequence {
    int line();

    int column();

    /** What this node is, for "expected X, got Y" messages. */
    String kind();
  }

  /**
   * A scalar.
   *
   * @param text the scalar as written ({@code yes}, {@code 12}, {@code abc}); null for a YAML null
   * @param token Jackson's token: VALUE_STRING, VALUE_NUMBER_INT, VALUE_TRUE, VALUE_NULL, ...
   */
  record Scalar(String text, JsonToken token, int line, int column) implements Node {
    boolean isNull() {
      return token == JsonToken.VALUE_NULL;
    }

    boolean isBoolean() {
      return token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE;
    }

    @Override
    public String kind() {
      return switch (token) {
        case VALUE_NULL -> "nothing (null)";
        case VALUE_TRUE, VALUE_FALSE -> "a boolean";
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
        default -> "a string";
      };
    }
  }

  /** One key of a mapping, at the position of the key. */
  record Entry(String key, int line, int column, Node value) {}

  /** A mapping, keys in file order. */
  record Mapping(Map<String, Entry> entries, int line, int column) implements Node {
    @Override
    public String kind() {
      return "a mapping";
    }
  }

  /** A sequence. */
  record Sequence(List<Node> items, int line, int column) implements Node {
    @Override
    public String kind() {
      return "a list";
    }
  }

  /** A problem found while reading: position plus message, the file is added by the caller. */
  static final class SyntaxError extends Exception {
    private final int line;
    private final int column;

    SyntaxError(int line, int column, String message) {
      super(message);
      this.line = line;
      this.column = column;
    }

    int line() {
      return line;
    }

    int column() {
      return column;
    }
  }

  /**
   * Parses one YAML document.
   *
   * @return the root node, or null for an empty document
   * @throws SyntaxError for invalid YAML, duplicate keys or a second document
   */
  static Node parse(String yaml) throws SyntaxError {
    try (JsonParser p = FACTORY.createParser(yaml)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        return null;
      }
      Node root = read(p);
      if (p.nextToken() != null) {
        JsonLocation l = p.currentTokenLocation();
        throw new SyntaxError(
            l.getLineNr(), l.getColumnNr(), "a profile file holds one YAML document, found more");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw syntaxError(e);
    } catch (IOException e) {
      throw new SyntaxError(1, 1, "cannot read YAML: " + e.getMessage());
    }
  }

  private static Node read(JsonParser p) throws IOException, SyntaxError {
    JsonLocation at = p.currentTokenLocation();
    int line = at.getLineNr();
    int column = at.getColumnNr();
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT) {
      Map<String, Entry> entries = new LinkedHashMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        JsonLocation k = p.currentTokenLocation();
        String key = p.currentName();
        p.nextToken();
        Node value = read(p);
        Entry previous = entries.put(key, new Entry(key, k.getLineNr(), k.getColumnNr(), value));
        if (previous != null) {
          throw new SyntaxError(
              k.getLineNr(),
              k.getColumnNr(),
              "duplicate key '"
                  + key
                  + "' (first at line "
                  + previous.line()
                  + ", column "
                  + previous.column()
                  + ")");
        }
      }
      return new Mapping(entries, line, column);
    }
    if (t == JsonToken.START_ARRAY) {
      List<Node> items = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        items.add(read(p));
      }
      return new Sequence(items, line, column);
    }
    return new Scalar(t == JsonToken.VALUE_NULL ? null : p.getText(), t, line, column);
  }

  private static SyntaxError syntaxError(JsonProcessingException e) {
    JsonLocation l = e.getLocation();
    int line = l == null ? 1 : Math.max(1, l.getLineNr());
    int column = l == null ? 1 : Math.max(1, l.getColumnNr());
    String problem = e.getOriginalMessage();
    Throwable cause = e.getCause();
    if (cause instanceof org.yaml.snakeyaml.error.MarkedYAMLException m) {
      problem = m.getProblem();
      if (m.getProblemMark() != null) {
        line = m.getProblemMark().getLine() + 1;
        column = m.getProblemMark().getColumn() + 1;
      }
      if (m.getContext() != null && m.getContextMark() != null) {
        problem +=
            " ("
                + m.getContext()
                + " at "
                + (m.getContextMark().getLine() + 1)
                + ":"
                + (m.getContextMark().getColumn() + 1)
                + ")";
      }
    }
    return new SyntaxError(line, column, "invalid YAML: " + oneLine(problem));
  }

  private static String oneLine(String s) {
    return s == null ? "unreadable" : s.strip().replaceAll("\\s*\\n\\s*", " ");
  }
}
