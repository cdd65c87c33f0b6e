package ling.common.db;

import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Turns result rows into values. */
public final class Rows {

  private Rows() {
  }

  public static <T> Optional<T> first(RowSet<Row> rows, Function<Row, T> map) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(map.apply(rows.iterator().next()));
  }

  public static <T> List<T> all(RowSet<Row> rows, Function<Row, T> map) {
    List<T> out = new ArrayList<>(rows.size());
    rows.forEach(row -> out.add(map.apply(row)));
    return out;
  }
}
