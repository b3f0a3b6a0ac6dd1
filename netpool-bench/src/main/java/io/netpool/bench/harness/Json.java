package io.netpool.bench.harness;

import java.util.List;
import java.util.Map;

/** Writes maps, lists, strings, numbers and booleans as JSON; enough for result files. */
public final class Json {
  private Json() {}

  /** The JSON text of {@code value} (Map, List, CharSequence, Number, Boolean or null). */
  public static String write(Object value) {
    StringBuilder sb = new StringBuilder();
    write(sb, value, "");
    return sb.append('\n').toString();
  }

  private static void write(StringBuilder sb, Object v, String indent) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof Map<?, ?> m) {
      writeMap(sb, m, indent);
    } else if (v instanceof List<?> l) {
      writeList(sb, l, indent);
    } else if (v instanceof Double d) {
      sb.append(d.isNaN() || d.isInfinite() ? "null" : d.toString());
    } else if (v instanceof Number || v instanceof Boolean) {
      sb.append(v);
    } else {
      string(sb, v.toString());
    }
  }

  private static void writeMap(StringBuilder sb, Map<?, ?> m, String indent) {
    if (m.isEmpty()) {
      sb.append("{}");
      return;
    }
    String inner = indent + "  ";
    sb.append("{\n");
    int i = 0;
    for (Map.Entry<?, ?> e : m.entrySet()) {
      sb.append(inner);
      string(sb, String.valueOf(e.getKey()));
      sb.append(": ");
      write(sb, e.getValue(), inner);
      sb.append(++i < m.size() ? ",\n" : "\n");
    }
    sb.append(indent).append('}');
  }

  private static void writeList(StringBuilder sb, List<?> l, String indent) {
    if (l.isEmpty()) {
      sb.append("[]");
      return;
    }
    String inner = indent + "  ";
    sb.append("[\n");
    for (int i = 0; i < l.size(); i++) {
      sb.append(inner);
      write(sb, l.get(i), inner);
      sb.append(i + 1 < l.size() ? ",\n" : "\n");
    }
    sb.append(indent).append(']');
  }

  private static void string(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
