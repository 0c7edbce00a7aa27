package org.integratedsync.credinvest;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The result of applying {@link SelectionRules} to a listing: every listed file exactly once, either
 * selected or skipped with a reason.
 *
 * <p>Order is deterministic whatever the listing order: selected files by account, then type;
 * skipped files by name (then modification time and size). Instances are immutable and thread-safe.
 */
public final class Selection {

  private final SelectionRules rules;
  private final List<SelectedFile> selected;
  private final List<SkippedFile> skipped;

  /** Creates a selection; made only by {@link SelectionRules#select(java.util.Collection, java.time.LocalDateTime)}. */
  Selection(SelectionRules rules, List<SelectedFile> selected, List<SkippedFile> skipped) {
    this.rules = Objects.requireNonNull(rules, "rules");
    this.selected = List.copyOf(selected);
    this.skipped = List.copyOf(skipped);
  }

  /** Returns the rules that made this selection. */
  public SelectionRules rules() {
    return rules;
  }

  /** Returns the selected files, by account, then type. */
  public List<SelectedFile> selected() {
    return selected;
  }

  /** Returns the selected files as listed, in the order of {@link #selected()}; pass these to a download. */
  public List<ListedFile> selectedFiles() {
    List<ListedFile> files = new ArrayList<>(selected.size());
    for (SelectedFile file : selected) {
      files.add(file.listed());
    }
    return List.copyOf(files);
  }

  /** Returns the skipped files with their reasons, by name. */
  public List<SkippedFile> skipped() {
    return skipped;
  }

  /** Returns the skipped files with the given reason, by name. */
  public List<SkippedFile> skipped(SkipReason reason) {
    return skipped.stream().filter(s -> s.reason() == reason).toList();
  }

  @Override
  public String toString() {
    return "Selection[" + selected.size() + " selected, " + skipped.size() + " skipped]";
  }
}
