package org.integratedsync.credinvest;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.integratedsync.credinvest.internal.Texts;

/**
 * The selection algorithm behind {@link SelectionRules#select(Collection, LocalDateTime)}: one pass
 * to parse, apply the guards and find the best file per account and type, then the pair-gap and
 * staleness checks on the kept files only.
 * Works on arrays of indices to keep per-file allocation low. Package-private: it builds {@link
 * Selection} and {@link SkippedFile} through their package-private factories. Stateless.
 */
final class Selector {

  private static final Comparator<SelectedFile> SELECTED_ORDER =
      Comparator.comparing((SelectedFile f) -> f.inteFile().account()).thenComparing(f -> f.inteFile().type());

  /** By name, then mtime, size and reason; one plain method, as this sort dominates large listings. */
  private static final Comparator<SkippedFile> SKIPPED_ORDER = (a, b) -> {
    ListedFile x = a.listed();
    ListedFile y = b.listed();
    int c = x.name().compareTo(y.name());
    if (c != 0) {
      return c;
    }
    c = x.mtime().compareTo(y.mtime());
    if (c != 0) {
      return c;
    }
    c = Long.compare(x.size(), y.size());
    return c != 0 ? c : a.reason().compareTo(b.reason());
  };

  private Selector() {}

  /** Applies {@code rules} to {@code listing} as of {@code now}. */
  static Selection select(SelectionRules rules, Collection<ListedFile> listing, LocalDateTime now) {
    long latestAllowed = now.plus(rules.futureTolerance()).toEpochSecond(ZoneOffset.UTC);
    ListedFile[] files = listing.toArray(new ListedFile[0]);
    int n = files.length;
    InteFile[] parsed = new InteFile[n];
    long[] seconds = new long[n];
    SkipReason[] reasons = new SkipReason[n];
    int[] winners = new int[n];
    String[] fixedDetails = new String[n];
    // account -> {best 100F index, best 400F index}
    Map<String, int[]> groups = new HashMap<>();
    int newest = -1;

    for (int i = 0; i < n; i++) {
      ListedFile file = Objects.requireNonNull(files[i], "listing element");
      ParsedName result = InteFileName.parse(file.name());
      if (result instanceof ParsedName.Unrecognised unrecognised) {
        reasons[i] = SkipReason.UNRECOGNISED;
        fixedDetails[i] = file.isFile() ? unrecognised.reason() : kind(file) + "; " + unrecognised.reason();
        continue;
      }
      InteFile inte = ((ParsedName.Recognised) result).inteFile();
      parsed[i] = inte;
      seconds[i] = inte.timestamp().toEpochSecond(ZoneOffset.UTC);
      // Guards: such an entry takes no part in the rules, so it can neither supersede nor make stale.
      if (!file.isFile()) {
        reasons[i] = SkipReason.NOT_A_FILE;
        fixedDetails[i] = kind(file) + ", not a report file";
        continue;
      }
      if (file.size() == 0) {
        reasons[i] = SkipReason.EMPTY;
        fixedDetails[i] = "empty (0 bytes); an empty file is never a report";
        continue;
      }
      if (seconds[i] > latestAllowed) {
        reasons[i] = SkipReason.FUTURE;
        fixedDetails[i] = "dated " + Texts.timestamp(inte.timestamp()) + ", more than "
            + Texts.duration(rules.futureTolerance()) + " ahead of this machine's clock ("
            + Texts.timestamp(now.withNano(0)) + ")";
        continue;
      }
      int[] group = groups.computeIfAbsent(inte.account(), a -> new int[] {-1, -1});
      int slot = inte.type().ordinal();
      if (group[slot] < 0 || better(i, group[slot], files, seconds)) {
        group[slot] = i;
      }
      if (newest < 0 || better(i, newest, files, seconds)) {
        newest = i;
      }
    }

    // Rule 1: latest per account and type.
    for (int i = 0; i < n; i++) {
      if (reasons[i] == null) {
        int best = groups.get(parsed[i].account())[parsed[i].type().ordinal()];
        if (best != i) {
          reasons[i] = SkipReason.SUPERSEDED;
          winners[i] = best;
        }
      }
    }

    long pairGap = rules.pairGap().getSeconds(); // timestamps are whole seconds: gap > floor(limit)
    long staleness = rules.staleness().getSeconds();
    List<SelectedFile> selected = new ArrayList<>();
    for (int[] group : groups.values()) {
      // Rule 2: pair gap.
      int a = group[0];
      int b = group[1];
      if (a >= 0 && b >= 0 && Math.abs(seconds[a] - seconds[b]) > pairGap) {
        int older = seconds[a] < seconds[b] ? a : b;
        reasons[older] = SkipReason.PAIR_GAP;
        winners[older] = older == a ? b : a;
      }
      // Rule 3: staleness against the newest recognised file.
      for (int kept : group) {
        if (kept < 0 || reasons[kept] != null) {
          continue;
        }
        if (seconds[newest] - seconds[kept] > staleness) {
          reasons[kept] = SkipReason.STALE;
          winners[kept] = newest;
        } else {
          selected.add(new SelectedFile(files[kept], parsed[kept]));
        }
      }
    }

    // in listing order: sources list by name, so the sort below usually finds a sorted run (TimSort: O(n))
    List<SkippedFile> skipped = new ArrayList<>(n - selected.size());
    for (int i = 0; i < n; i++) {
      SkipReason reason = reasons[i];
      if (reason == SkipReason.UNRECOGNISED) {
        skipped.add(SkippedFile.unrecognised(files[i], fixedDetails[i]));
      } else if (reason != null && reason.isGuard()) {
        skipped.add(SkippedFile.guarded(files[i], parsed[i], reason, fixedDetails[i]));
      } else if (reason != null) {
        int winner = winners[i];
        skipped.add(SkippedFile.beaten(files[i], parsed[i], reason, files[winner], parsed[winner],
            reason == SkipReason.PAIR_GAP ? rules.pairGap()
                : reason == SkipReason.STALE ? rules.staleness() : null));
      }
    }
    selected.sort(SELECTED_ORDER);
    skipped.sort(SKIPPED_ORDER);
    return new Selection(rules, selected, skipped);
  }

  private static String kind(ListedFile file) {
    switch (file.kind()) {
      case DIRECTORY:
        return "a folder";
      case SYMLINK:
        return "a symbolic link (never followed)";
      case OTHER:
        return "a special file (not a regular file)";
      default:
        return "a file";
    }
  }

  /** Whether file {@code i} beats file {@code j}: newer timestamp, then later mtime, greater name, size. */
  private static boolean better(int i, int j, ListedFile[] files, long[] seconds) {
    if (seconds[i] != seconds[j]) {
      return seconds[i] > seconds[j];
    }
    int byMtime = files[i].mtime().compareTo(files[j].mtime());
    if (byMtime != 0) {
      return byMtime > 0;
    }
    int byName = files[i].name().compareTo(files[j].name());
    if (byName != 0) {
      return byName > 0;
    }
    return files[i].size() > files[j].size();
  }
}
