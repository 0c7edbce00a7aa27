package org.integratedsync.credinvest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SelectionRulesTest {

  private static final Instant MTIME = Instant.parse("2025-12-15T16:10:00Z");
  private static final SelectionRules RULES = SelectionRules.defaults();
  /** The run's clock: after every timestamp below, so no file is FUTURE unless a test says so. */
  private static final LocalDateTime NOW = LocalDateTime.of(2025, 12, 16, 9, 0);

  private static ListedFile file(String name) {
    return new ListedFile(name, 100, MTIME);
  }

  private static ListedFile file(String name, Instant mtime) {
    return new ListedFile(name, 100, mtime);
  }

  /** Selects in the given order and in reverse order, checks both agree, and returns the result. */
  private static Selection select(ListedFile... files) {
    Selection forward = RULES.select(List.of(files), NOW);
    List<ListedFile> reversed = new ArrayList<>(Arrays.asList(files));
    Collections.reverse(reversed);
    Selection backward = RULES.select(reversed, NOW);
    assertThat(backward.selected()).isEqualTo(forward.selected());
    assertThat(backward.skipped()).isEqualTo(forward.skipped());
    assertThat(forward.selected().size() + forward.skipped().size()).isEqualTo(files.length);
    return forward;
  }

  private static List<String> selectedNames(Selection s) {
    return s.selected().stream().map(SelectedFile::name).toList();
  }

  @Test
  void emptyListingSelectsNothing() {
    Selection s = select();
    assertThat(s.selected()).isEmpty();
    assertThat(s.skipped()).isEmpty();
  }

  @Test
  void onlyJunkIsAllUnrecognisedWithReasons() {
    Selection s = select(file("notes.txt"), file("123456-20251301-INTE100F.xlsx"), file("a-b-c.xlsx"));

    assertThat(s.selected()).isEmpty();
    assertThat(s.skipped())
        .extracting(SkippedFile::name, SkippedFile::reason, SkippedFile::detail)
        .containsExactly(
            tuple("123456-20251301-INTE100F.xlsx", SkipReason.UNRECOGNISED, "timestamp 20251301 is not a date"),
            tuple("a-b-c.xlsx", SkipReason.UNRECOGNISED, "timestamp \"b\" is not all digits"),
            tuple("notes.txt", SkipReason.UNRECOGNISED, "does not end in .xlsx"));
    assertThat(s.skipped()).allSatisfy(k -> assertThat(k.beatenBy()).isEmpty());
  }

  @Test
  void keepsLatestPerAccountAndTypeAndNamesTheWinner() {
    Selection s = select(
        file("123456-20251214170501-INTE100F.xlsx"),
        file("123456-20251215170501-INTE100F.xlsx"),
        file("123456-20251215170502-INTE400F.xlsx"),
        file("123456-20251213-INTE400F.xlsx"));

    assertThat(selectedNames(s))
        .containsExactly("123456-20251215170501-INTE100F.xlsx", "123456-20251215170502-INTE400F.xlsx");
    assertThat(s.skipped())
        .extracting(SkippedFile::name, SkippedFile::reason, SkippedFile::detail)
        .containsExactly(
            tuple("123456-20251213-INTE400F.xlsx", SkipReason.SUPERSEDED,
                "superseded by 123456 400F of 2025-12-15 17:05:02, newer by 2 days 17 hours 5 minutes 2 seconds"),
            tuple("123456-20251214170501-INTE100F.xlsx", SkipReason.SUPERSEDED,
                "superseded by 123456 100F of 2025-12-15 17:05:01, newer by 1 day"));
    assertThat(s.skipped().get(1).beatenBy().map(InteFile::name))
        .contains("123456-20251215170501-INTE100F.xlsx");
  }

  @Test
  void equalTimestampsAreBrokenByLaterMtime() {
    ListedFile older = file("123456-20251215-INTE100F.xlsx", MTIME);
    ListedFile newer = file("123456-202512150000-INTE100F.xlsx", MTIME.minusSeconds(60));
    ListedFile latest = file("123456-20251215000000-INTE100F.xlsx", MTIME.plusSeconds(60));

    Selection s = select(older, newer, latest);

    assertThat(selectedNames(s)).containsExactly(latest.name());
    assertThat(s.skipped()).extracting(SkippedFile::reason).containsOnly(SkipReason.SUPERSEDED);
    assertThat(s.skipped()).extracting(SkippedFile::detail)
        .containsOnly("same timestamp as 123456-20251215000000-INTE100F.xlsx, which was modified later");
  }

  @Test
  void equalTimestampsAndMtimesAreBrokenByGreaterName() {
    // duplicate names differing only in case: the greater name ("i" > "I") wins whatever the order
    ListedFile upper = file("123456-20251215-INTE100F.xlsx");
    ListedFile lower = file("123456-20251215-inte100f.XLSX");

    Selection s = select(upper, lower);

    assertThat(selectedNames(s)).containsExactly(lower.name());
    assertThat(s.skipped()).extracting(SkippedFile::name, SkippedFile::detail).containsExactly(
        tuple(upper.name(), "same timestamp as 123456-20251215-inte100f.XLSX, whose name sorts after it"));
  }

  @Test
  void dateOnlyStampIsMidnightAndLosesToALaterSecond() {
    Selection s = select(
        file("123456-20251215-INTE100F.xlsx"),
        file("123456-20251215000001-INTE100F.xlsx"));

    assertThat(selectedNames(s)).containsExactly("123456-20251215000001-INTE100F.xlsx");
    assertThat(s.skipped().get(0).detail())
        .isEqualTo("superseded by 123456 100F of 2025-12-15 00:00:01, newer by 1 second");
  }

  @Test
  void exactDuplicateEntriesAppearTwice() {
    ListedFile f = file("123456-20251215-INTE100F.xlsx");
    Selection s = select(f, f);

    assertThat(s.selected()).extracting(SelectedFile::listed).containsExactly(f);
    assertThat(s.skipped()).extracting(SkippedFile::listed, SkippedFile::reason, SkippedFile::detail)
        .containsExactly(tuple(f, SkipReason.SUPERSEDED,
            "same timestamp as 123456-20251215-INTE100F.xlsx, a duplicate listing entry"));
  }

  static Stream<Arguments> pairGapBoundaries() {
    return Stream.of(
        // 100F, 400F, expected selected, expected PAIR_GAP file (or null)
        Arguments.of("123456-20251215170501-INTE100F.xlsx", "123456-20251216170501-INTE400F.xlsx", 2, null),
        Arguments.of("123456-20251215170500-INTE100F.xlsx", "123456-20251216170501-INTE400F.xlsx", 1,
            "123456-20251215170500-INTE100F.xlsx"),
        Arguments.of("123456-20251216170502-INTE100F.xlsx", "123456-20251215170501-INTE400F.xlsx", 1,
            "123456-20251215170501-INTE400F.xlsx"),
        Arguments.of("123456-20251215-INTE100F.xlsx", "123456-20251216-INTE400F.xlsx", 2, null),
        Arguments.of("123456-20251215-INTE100F.xlsx", "123456-202512160001-INTE400F.xlsx", 1,
            "123456-20251215-INTE100F.xlsx"),
        Arguments.of("123456-20251215170501-INTE100F.xlsx", "123456-20251215170501-INTE400F.xlsx", 2, null));
  }

  @ParameterizedTest(name = "{0} / {1}")
  @MethodSource("pairGapBoundaries")
  void pairGapOfExactlyOneDayKeepsBoth(String f100, String f400, int selected, String gapped) {
    Selection s = select(file(f100), file(f400));

    assertThat(s.selected()).hasSize(selected);
    if (gapped == null) {
      assertThat(s.skipped()).isEmpty();
    } else {
      assertThat(s.skipped()).singleElement().satisfies(k -> {
        assertThat(k.name()).isEqualTo(gapped);
        assertThat(k.reason()).isEqualTo(SkipReason.PAIR_GAP);
        assertThat(k.beatenBy().map(InteFile::name)).contains(gapped.equals(f100) ? f400 : f100);
      });
    }
  }

  @Test
  void pairGapSentenceNamesTheNewerFileAndTheGap() {
    Selection s = select(
        file("123456-20251213170500-INTE100F.xlsx"), file("123456-202512151705-INTE400F.xlsx"));

    assertThat(s.skipped()).singleElement().extracting(SkippedFile::detail).isEqualTo(
        "older than 123456 400F of 2025-12-15 17:05 by 2 days (more than the pair gap of 1 day)");
  }

  static Stream<Arguments> stalenessBoundaries() {
    return Stream.of(
        Arguments.of("111111-20251212170501-INTE100F.xlsx", true),
        Arguments.of("111111-20251212170500-INTE100F.xlsx", false),
        Arguments.of("111111-20251212-INTE100F.xlsx", false),
        Arguments.of("111111-20251213-INTE400F.xlsx", true));
  }

  @ParameterizedTest(name = "{0} kept: {1}")
  @MethodSource("stalenessBoundaries")
  void stalenessOfExactlyThreeDaysKeeps(String name, boolean kept) {
    ListedFile newest = file("222222-20251215170501-INTE100F.xlsx");
    Selection s = select(file(name), newest);

    if (kept) {
      assertThat(selectedNames(s)).containsExactly(name, newest.name());
    } else {
      assertThat(selectedNames(s)).containsExactly(newest.name());
      assertThat(s.skipped()).singleElement().satisfies(k -> {
        assertThat(k.reason()).isEqualTo(SkipReason.STALE);
        assertThat(k.beatenBy().map(InteFile::name)).contains(newest.name());
        assertThat(k.detail()).startsWith("older than 222222 100F of 2025-12-15 17:05:01, the newest file, by 3 days")
            .endsWith("(more than the staleness limit of 3 days)");
      });
    }
  }

  @Test
  void fileBothPairGappedAndStaleIsPairGap() {
    Selection s = select(
        file("111111-20251201-INTE100F.xlsx"),
        file("111111-20251214-INTE400F.xlsx"),
        file("222222-20251215-INTE100F.xlsx"));

    assertThat(selectedNames(s)).containsExactly("111111-20251214-INTE400F.xlsx", "222222-20251215-INTE100F.xlsx");
    assertThat(s.skipped()).extracting(SkippedFile::name, SkippedFile::reason)
        .containsExactly(tuple("111111-20251201-INTE100F.xlsx", SkipReason.PAIR_GAP));
  }

  @Test
  void pairGapInTheGloballyNewestAccountDropsItsOlderFileOnly() {
    Selection s = select(
        file("111111-20251213-INTE100F.xlsx"),
        file("111111-20251216-INTE400F.xlsx"),
        file("222222-20251214-INTE100F.xlsx"),
        file("222222-20251214-INTE400F.xlsx"));

    assertThat(selectedNames(s)).containsExactly(
        "111111-20251216-INTE400F.xlsx", "222222-20251214-INTE100F.xlsx", "222222-20251214-INTE400F.xlsx");
    assertThat(s.skipped()).extracting(SkippedFile::name, SkippedFile::reason)
        .containsExactly(tuple("111111-20251213-INTE100F.xlsx", SkipReason.PAIR_GAP));
  }

  @Test
  void accountWithOnly400FIsSelected() {
    Selection s = select(file("654321-20251215-INTE400F.xlsx"));
    assertThat(s.selected()).singleElement().satisfies(f -> {
      assertThat(f.inteFile().account()).isEqualTo("654321");
      assertThat(f.inteFile().type()).isEqualTo(InteType.INTE400F);
    });
  }

  @Test
  void accountsWithLettersAreComparedExactlyAsWritten() {
    Selection s = select(
        file("abc12-20251215-INTE100F.xlsx"),
        file("ABC12-20251214-INTE100F.xlsx"),
        file("abc12-20251214-INTE100F.xlsx"));

    assertThat(selectedNames(s)).containsExactly("ABC12-20251214-INTE100F.xlsx", "abc12-20251215-INTE100F.xlsx");
    assertThat(s.skipped()).extracting(SkippedFile::name).containsExactly("abc12-20251214-INTE100F.xlsx");
  }

  @Test
  void mixedCaseExtensionAndTypeAreSelected() {
    Selection s = select(file("123456-20251215-inte100f.XLSX"), file("123456-20251215-Inte400F.XlSx"));
    assertThat(s.selected()).extracting(f -> f.inteFile().type()).containsExactly(InteType.INTE100F, InteType.INTE400F);
  }

  @Test
  void unrecognisedNamesDoNotCountAsNewest() {
    Selection s = select(
        file("123456-20251215-INTE100F.xlsx"),
        file("123456-20991301-INTE100F.xlsx"),
        file("999999-20991231-INTE300F.xlsx"));

    assertThat(selectedNames(s)).containsExactly("123456-20251215-INTE100F.xlsx");
    assertThat(s.skipped()).extracting(SkippedFile::reason).containsOnly(SkipReason.UNRECOGNISED);
  }

  @Test
  void outputIsOrderedSelectedByAccountThenTypeAndSkippedByName() {
    Selection s = select(
        file("zz-20251215-INTE400F.xlsx"),
        file("zz-20251215-INTE100F.xlsx"),
        file("aa-20251215-INTE400F.xlsx"),
        file("b.txt"),
        file("aa-20251214-INTE400F.xlsx"),
        file("a.txt"));

    assertThat(selectedNames(s)).containsExactly(
        "aa-20251215-INTE400F.xlsx", "zz-20251215-INTE100F.xlsx", "zz-20251215-INTE400F.xlsx");
    assertThat(s.skipped()).extracting(SkippedFile::name)
        .containsExactly("a.txt", "aa-20251214-INTE400F.xlsx", "b.txt");
    assertThat(s.selectedFiles()).extracting(ListedFile::name).isEqualTo(selectedNames(s));
    assertThat(s.skipped(SkipReason.UNRECOGNISED)).extracting(SkippedFile::name).containsExactly("a.txt", "b.txt");
  }

  @Test
  void thresholdsAreParameters() {
    SelectionRules tight = new SelectionRules(Duration.ofHours(2), Duration.ofHours(12));
    List<ListedFile> listing = List.of(
        file("111111-202512151500-INTE100F.xlsx"),
        file("111111-202512151200-INTE400F.xlsx"),
        file("222222-202512150300-INTE100F.xlsx"),
        file("333333-202512150259-INTE100F.xlsx"));

    Selection s = tight.select(listing, NOW);

    assertThat(s.selected()).extracting(SelectedFile::name)
        .containsExactly("111111-202512151500-INTE100F.xlsx", "222222-202512150300-INTE100F.xlsx");
    assertThat(s.skipped()).extracting(SkippedFile::name, SkippedFile::reason).containsExactly(
        tuple("111111-202512151200-INTE400F.xlsx", SkipReason.PAIR_GAP),
        tuple("333333-202512150259-INTE100F.xlsx", SkipReason.STALE));
    assertThat(s.skipped().get(0).detail()).endsWith("by 3 hours (more than the pair gap of 2 hours)");
    assertThat(RULES.select(listing, NOW).selected()).hasSize(4);
  }

  @Test
  void rulesRejectNegativeThresholds() {
    assertThatThrownBy(() -> new SelectionRules(Duration.ofDays(-1), Duration.ofDays(3)))
        .isInstanceOfSatisfying(SourceConfigurationException.class, e -> assertThat(e.setting()).isEqualTo("pairGap"))
        .hasMessage("pairGap is negative: PT-24H");
    assertThatThrownBy(() -> new SelectionRules(Duration.ofDays(1), Duration.ofSeconds(-1)))
        .isInstanceOfSatisfying(SourceConfigurationException.class, e -> assertThat(e.setting()).isEqualTo("staleness"));
    assertThat(SelectionRules.defaults())
        .isEqualTo(new SelectionRules(Duration.ofDays(1), Duration.ofDays(3)));
  }
}
