package org.integratedsync.credinvest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The guards that set entries aside before the rules: NOT_A_FILE, EMPTY, FUTURE. */
class SelectionGuardsTest {

  private static final Instant MTIME = Instant.parse("2025-12-15T16:10:00Z");
  private static final LocalDateTime NOW = LocalDateTime.of(2025, 12, 15, 17, 30);
  private static final SelectionRules RULES = SelectionRules.defaults();

  private static final String YESTERDAY_100 = "123456-20251214170500-INTE100F.xlsx";
  private static final String YESTERDAY_400 = "123456-20251214170500-INTE400F.xlsx";
  private static final String OTHER_TODAY = "654321-20251215170000-INTE100F.xlsx";

  private static ListedFile file(String name) {
    return new ListedFile(name, 100, MTIME);
  }

  private static ListedFile entry(String name, long size, ListedFile.Kind kind) {
    return new ListedFile(name, size, MTIME, kind);
  }

  private static Selection select(List<ListedFile> listing) {
    Selection forward = RULES.select(listing, NOW);
    List<ListedFile> reversed = new ArrayList<>(listing);
    Collections.reverse(reversed);
    Selection backward = RULES.select(reversed, NOW);
    assertThat(backward.selected()).isEqualTo(forward.selected());
    assertThat(backward.skipped()).isEqualTo(forward.skipped());
    assertThat(forward.selected().size() + forward.skipped().size()).isEqualTo(listing.size());
    return forward;
  }

  @Test
  void aFarFutureFileIsSetAsideAndMakesNothingStale() {
    Selection s = select(List.of(
        file("999999-99991231235959-INTE100F.xlsx"), file(YESTERDAY_100), file(YESTERDAY_400), file(OTHER_TODAY)));

    assertThat(s.selected()).extracting(SelectedFile::name)
        .containsExactly(YESTERDAY_100, YESTERDAY_400, OTHER_TODAY);
    assertThat(s.skipped()).extracting(SkippedFile::name, SkippedFile::reason)
        .containsExactly(tuple("999999-99991231235959-INTE100F.xlsx", SkipReason.FUTURE));
    assertThat(s.skipped().get(0).detail()).isEqualTo(
        "dated 9999-12-31 23:59:59, more than 1 day ahead of this machine's clock (2025-12-15 17:30)");
  }

  @Test
  void aFutureFileOfTheSameAccountDoesNotSupersedeTheCurrentReport() {
    String typo = "123456-20351215170500-INTE100F.xlsx";
    Selection s = select(List.of(file(typo), file(YESTERDAY_100)));

    assertThat(s.selected()).extracting(SelectedFile::name).containsExactly(YESTERDAY_100);
    assertThat(s.skipped()).extracting(SkippedFile::reason).containsExactly(SkipReason.FUTURE);
    assertThat(s.skipped().get(0).beatenBy()).isEmpty();
  }

  @ParameterizedTest(name = "{0} ahead → {1}")
  @CsvSource({
      "PT23H59M59S, selected",
      "PT24H,       selected",
      "PT24H1S,     FUTURE",
      "P400D,       FUTURE"})
  void theFutureToleranceIsInclusive(Duration ahead, String expected) {
    LocalDateTime stamp = NOW.plus(ahead);
    String name = String.format("123456-%04d%02d%02d%02d%02d%02d-INTE100F.xlsx", stamp.getYear(),
        stamp.getMonthValue(), stamp.getDayOfMonth(), stamp.getHour(), stamp.getMinute(), stamp.getSecond());

    Selection s = select(List.of(file(name)));

    if (expected.equals("selected")) {
      assertThat(s.selected()).extracting(SelectedFile::name).containsExactly(name);
    } else {
      assertThat(s.skipped()).extracting(SkippedFile::reason).containsExactly(SkipReason.FUTURE);
    }
  }

  @Test
  void theFutureToleranceIsAParameterAndNowAnArgument() {
    String inTwoHours = "123456-20251215193000-INTE100F.xlsx";
    SelectionRules tight = RULES.withFutureTolerance(Duration.ofHours(1));

    assertThat(tight.select(List.of(file(inTwoHours)), NOW).skipped(SkipReason.FUTURE)).hasSize(1);
    assertThat(tight.select(List.of(file(inTwoHours)), NOW.plusHours(1)).selected()).hasSize(1);
    assertThat(RULES.select(List.of(file(inTwoHours)), NOW).selected()).hasSize(1);
    assertThatThrownBy(() -> RULES.withFutureTolerance(Duration.ofSeconds(-1)))
        .isInstanceOfSatisfying(SourceConfigurationException.class,
            e -> assertThat(e.setting()).isEqualTo("futureTolerance"));
    assertThatThrownBy(() -> RULES.select(List.of(), null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void anEmptyFileIsNeverAReportAndYesterdaysReportIsSelectedInstead() {
    String empty = "123456-20251215170500-INTE100F.xlsx";
    Selection s = select(List.of(entry(empty, 0, ListedFile.Kind.FILE), file(YESTERDAY_100)));

    assertThat(s.selected()).extracting(SelectedFile::name).containsExactly(YESTERDAY_100);
    assertThat(s.skipped()).extracting(SkippedFile::name, SkippedFile::reason, SkippedFile::detail)
        .containsExactly(tuple(empty, SkipReason.EMPTY, "empty (0 bytes); an empty file is never a report"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      DIRECTORY | a folder, not a report file
      SYMLINK   | a symbolic link (never followed), not a report file
      OTHER     | a special file (not a regular file), not a report file
      """)
  void anEntryThatIsNotARegularFileIsNotAFile(ListedFile.Kind kind, String detail) {
    String today = "123456-20251215170500-INTE100F.xlsx";
    Selection s = select(List.of(entry(today, 4096, kind), file(YESTERDAY_100)));

    assertThat(s.selected()).extracting(SelectedFile::name).containsExactly(YESTERDAY_100);
    assertThat(s.skipped()).extracting(SkippedFile::name, SkippedFile::reason, SkippedFile::detail)
        .containsExactly(tuple(today, SkipReason.NOT_A_FILE, detail));
  }

  @Test
  void aDirectoryWhoseNameDoesNotParseIsUnrecognisedAndSaysWhatItIs() {
    Selection s = select(List.of(entry("archive", 4096, ListedFile.Kind.DIRECTORY)));

    assertThat(s.skipped()).extracting(SkippedFile::reason, SkippedFile::detail)
        .containsExactly(tuple(SkipReason.UNRECOGNISED, "a folder; does not end in .xlsx"));
  }

  @Test
  void guardsApplyInOrderNotAFileThenEmptyThenFuture() {
    String far = "123456-99991231-INTE100F.xlsx";
    assertThat(select(List.of(entry(far, 0, ListedFile.Kind.SYMLINK))).skipped())
        .extracting(SkippedFile::reason).containsExactly(SkipReason.NOT_A_FILE);
    assertThat(select(List.of(entry(far, 0, ListedFile.Kind.FILE))).skipped())
        .extracting(SkippedFile::reason).containsExactly(SkipReason.EMPTY);
    assertThat(select(List.of(entry(far, 1, ListedFile.Kind.FILE))).skipped())
        .extracting(SkippedFile::reason).containsExactly(SkipReason.FUTURE);
  }

  @Test
  void aGuardedEntryIsNotTheStalenessAnchor() {
    // without the guard, the empty file of the 15th would make the 11th's report stale
    String old = "222222-20251211170000-INTE100F.xlsx";
    Selection s = select(List.of(file(old), entry("333333-20251215170000-INTE100F.xlsx", 0, ListedFile.Kind.FILE)));

    assertThat(s.selected()).extracting(SelectedFile::name).containsExactly(old);
  }

  @Test
  void guardedFactoryRejectsRulesThatCompareFiles() {
    InteFile parsed = InteFileName.tryParse(YESTERDAY_100).orElseThrow();
    assertThatThrownBy(() -> SkippedFile.guarded(file(YESTERDAY_100), parsed, SkipReason.STALE, "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SkippedFile.beaten(file(YESTERDAY_100), parsed, SkipReason.EMPTY,
        file(YESTERDAY_100), parsed, null)).isInstanceOf(IllegalArgumentException.class);
  }
}
