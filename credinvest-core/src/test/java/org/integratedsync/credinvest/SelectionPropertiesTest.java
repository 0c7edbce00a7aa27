package org.integratedsync.credinvest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class SelectionPropertiesTest {

  private static final LocalDateTime BASE = LocalDateTime.of(2025, 12, 1, 0, 0);
  /** After every generated timestamp of {@link #listings()}. */
  private static final LocalDateTime NOW = BASE.plusDays(11);
  private static final String[] FORMATS = {"yyyyMMdd", "yyyyMMddHHmm", "yyyyMMddHHmmss"};

  @Provide
  Arbitrary<List<ListedFile>> listings() {
    Arbitrary<ListedFile> recognised = Combinators.combine(
            Arbitraries.of("123456", "65432", "ab12", "AB12", "9"),
            Arbitraries.of("100F", "400F", "100f", "400f"),
            Arbitraries.longs().between(0, 10L * 24 * 3600),
            Arbitraries.of(FORMATS),
            Arbitraries.of(".xlsx", ".XLSX", ".Xlsx"),
            Arbitraries.longs().between(0, 5))
        .as((account, type, offset, format, ext, mtime) -> new ListedFile(
            account + "-" + BASE.plusSeconds(offset).format(DateTimeFormatter.ofPattern(format)) + "-INTE" + type + ext,
            100, Instant.EPOCH.plusSeconds(mtime)));
    Arbitrary<ListedFile> junk = Arbitraries.strings().ofMinLength(1).ofMaxLength(40)
        .map(name -> new ListedFile(name, 1, Instant.EPOCH));
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(8, recognised), net.jqwik.api.Tuple.of(1, junk))
        .list().ofMaxSize(60);
  }

  @Provide
  Arbitrary<SelectionRules> rules() {
    return Combinators.combine(
            Arbitraries.longs().between(0, 3 * 24 * 3600), Arbitraries.longs().between(0, 6 * 24 * 3600))
        .as((gap, stale) -> new SelectionRules(Duration.ofSeconds(gap), Duration.ofSeconds(stale)))
        .injectDuplicates(0.1).edgeCases(e -> e.add(SelectionRules.defaults()));
  }

  @Property(tries = 100)
  void everyInputAppearsExactlyOnce(@ForAll("listings") List<ListedFile> listing, @ForAll("rules") SelectionRules rules) {
    Selection s = rules.select(listing, NOW);

    List<ListedFile> out = new ArrayList<>();
    s.selected().forEach(f -> out.add(f.listed()));
    s.skipped().forEach(f -> out.add(f.listed()));
    assertThat(out).containsExactlyInAnyOrderElementsOf(listing);
    assertThat(s.skipped()).allSatisfy(k -> assertThat(k.detail()).isNotBlank());
  }

  @Property(tries = 100)
  void atMostOneSelectedPerAccountAndType(@ForAll("listings") List<ListedFile> listing, @ForAll("rules") SelectionRules rules) {
    Set<String> keys = new HashSet<>();
    for (SelectedFile f : rules.select(listing, NOW).selected()) {
      assertThat(keys.add(f.inteFile().account() + "/" + f.inteFile().type())).as(f.name()).isTrue();
    }
  }

  @Property(tries = 100)
  void selectedFilesRespectStalenessAndPairGap(@ForAll("listings") List<ListedFile> listing, @ForAll("rules") SelectionRules rules) {
    Selection s = rules.select(listing, NOW);
    LocalDateTime newest = listing.stream()
        .flatMap(f -> InteFileName.tryParse(f.name()).stream())
        .map(InteFile::timestamp).max(LocalDateTime::compareTo).orElse(null);

    for (SelectedFile f : s.selected()) {
      assertThat(Duration.between(f.inteFile().timestamp(), newest)).isLessThanOrEqualTo(rules.staleness());
      for (SelectedFile g : s.selected()) {
        if (f.inteFile().account().equals(g.inteFile().account())) {
          assertThat(Duration.between(f.inteFile().timestamp(), g.inteFile().timestamp()).abs())
              .isLessThanOrEqualTo(rules.pairGap());
        }
      }
    }
    if (newest != null) {
      assertThat(s.selected()).anySatisfy(f -> assertThat(f.inteFile().timestamp()).isEqualTo(newest));
    }
  }

  @Property(tries = 100)
  void resultDoesNotDependOnListingOrder(
      @ForAll("listings") List<ListedFile> listing, @ForAll("rules") SelectionRules rules, @ForAll long seed) {
    List<ListedFile> shuffled = new ArrayList<>(listing);
    Collections.shuffle(shuffled, new Random(seed));

    Selection a = rules.select(listing, NOW);
    Selection b = rules.select(shuffled, NOW);

    assertThat(b.selected()).isEqualTo(a.selected());
    assertThat(b.skipped()).isEqualTo(a.skipped());
    assertThat(b.skipped().stream().map(SkippedFile::detail).toList())
        .isEqualTo(a.skipped().stream().map(SkippedFile::detail).toList());
  }

  @Property(tries = 100)
  void selectingAgainFromTheSelectionChangesNothing(@ForAll("listings") List<ListedFile> listing, @ForAll("rules") SelectionRules rules) {
    Selection first = rules.select(listing, NOW);
    Selection second = rules.select(first.selectedFiles(), NOW);

    assertThat(second.selected()).isEqualTo(first.selected());
    assertThat(second.skipped()).isEmpty();
  }

  @Property(tries = 500)
  void parsingNeverThrowsAndRecognisedNamesKeepTheirParts(@ForAll("listings") List<ListedFile> listing) {
    Stream.concat(listing.stream().map(ListedFile::name), Stream.of("", "-", "--.xlsx", "a--INTE100F.xlsx"))
        .forEach(name -> {
          ParsedName parsed = InteFileName.parse(name);
          assertThat(parsed.name()).isEqualTo(name);
          parsed.file().ifPresent(f -> assertThat(name).startsWith(f.account() + "-"));
        });
  }

  /** Entries the guards must set aside: non-files, empty files and files dated far ahead of NOW. */
  @Provide
  Arbitrary<List<ListedFile>> guardedEntries() {
    Arbitrary<ListedFile> notAFile = Combinators.combine(
            Arbitraries.of("123456", "65432", "ab12"), Arbitraries.of("100F", "400F"),
            Arbitraries.longs().between(0, 20L * 24 * 3600),
            Arbitraries.of(ListedFile.Kind.DIRECTORY, ListedFile.Kind.SYMLINK, ListedFile.Kind.OTHER))
        .as((account, type, offset, kind) -> new ListedFile(
            account + "-" + BASE.plusSeconds(offset).format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"))
                + "-INTE" + type + ".xlsx", 4096, Instant.EPOCH.plusSeconds(9), kind));
    Arbitrary<ListedFile> empty = Combinators.combine(
            Arbitraries.of("123456", "65432", "ab12"), Arbitraries.of("100F", "400F"),
            Arbitraries.longs().between(0, 10L * 24 * 3600))
        .as((account, type, offset) -> new ListedFile(
            account + "-" + BASE.plusSeconds(offset).format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"))
                + "-INTE" + type + ".xlsx", 0, Instant.EPOCH.plusSeconds(9)));
    Arbitrary<ListedFile> future = Combinators.combine(
            Arbitraries.of("123456", "65432", "ab12", "99999"), Arbitraries.of("100F", "400F"),
            Arbitraries.longs().between(24 * 3600 + 1, 3000L * 24 * 3600))
        .as((account, type, ahead) -> new ListedFile(
            account + "-" + NOW.plusSeconds(ahead).format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"))
                + "-INTE" + type + ".xlsx", 100, Instant.EPOCH.plusSeconds(9)));
    return Arbitraries.oneOf(notAFile, empty, future).list().ofMinSize(1).ofMaxSize(10);
  }

  @Property(tries = 200)
  void noGuardedEntryChangesTheDecisionForAnyOtherFile(@ForAll("listings") List<ListedFile> listing,
      @ForAll("guardedEntries") List<ListedFile> guarded, @ForAll long seed) {
    SelectionRules rules = SelectionRules.defaults();
    List<ListedFile> mixed = new ArrayList<>(listing);
    mixed.addAll(guarded);
    Collections.shuffle(mixed, new Random(seed));

    Selection without = rules.select(listing, NOW);
    Selection with = rules.select(mixed, NOW);

    assertThat(with.selected()).isEqualTo(without.selected());
    List<SkippedFile> others = with.skipped().stream()
        .filter(k -> k.reason() != SkipReason.NOT_A_FILE && k.reason() != SkipReason.EMPTY
            && k.reason() != SkipReason.FUTURE)
        .toList();
    assertThat(others).isEqualTo(without.skipped());
    assertThat(with.skipped().size() - others.size()).isEqualTo(guarded.size());
  }
}
