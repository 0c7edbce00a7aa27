package org.integratedsync.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {

  @Test
  void medianOfOddCountIsTheMiddleValueWhateverTheOrder() {
    assertThat(Stats.median(List.of(Duration.ofMillis(30), Duration.ofMillis(10), Duration.ofMillis(20))))
        .isEqualTo(Duration.ofMillis(20));
  }

  @Test
  void medianOfEvenCountIsTheMeanOfTheTwoMiddleValues() {
    assertThat(Stats.median(List.of(Duration.ofMillis(40), Duration.ofMillis(10), Duration.ofMillis(20),
        Duration.ofMillis(1000)))).isEqualTo(Duration.ofMillis(30));
  }

  @Test
  void medianOfNothingIsAnError() {
    assertThatThrownBy(() -> Stats.median(List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rendersOneLinePerRowWithNotesNumberedBelow() {
    Row withNote = new Row("2. task 1", Duration.ofMillis(4_200), "", Duration.ofSeconds(180), "",
        Stats.speedup(Duration.ofMillis(4_200), Duration.ofSeconds(180)), "300 MB", "≥ 20×", Row.verdict(true),
        "baseline | 1 rep\nonly");
    Row missed = new Row("6. snapshot", Duration.ofMillis(5), "", null, "", "", "", "< 1 ms", Row.verdict(false), "");

    String table = Table.render(List.of(withNote, missed));

    assertThat(table.lines().toList()).containsExactly(
        "| scenario | ours (median) | baseline | ratio | peak heap | goal | met? |",
        "|---|---|---|---|---|---|---|",
        "| 2. task 1 [1] | 4200 ms | 180.0 s | 42.9× faster | 300 MB | ≥ 20× | yes |",
        "| 6. snapshot | 5.00 ms | — |  |  | < 1 ms | **no** |",
        "",
        "[1] baseline \\| 1 rep only");
  }

  @Test
  void slowerThanTheBaselineSaysSo() {
    assertThat(Stats.speedup(Duration.ofSeconds(2), Duration.ofSeconds(1))).isEqualTo("0.50× (slower)");
  }
}
