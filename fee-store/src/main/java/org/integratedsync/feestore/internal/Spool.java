package org.integratedsync.feestore.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import org.postgresql.copy.CopyIn;

/**
 * The rows of one sync, kept in a temporary file (readable only by its owner) from the first page until
 * the merge, so no database statement or transaction waits on the source while memory stays flat. The
 * file is unlinked as soon as it is open where the file system allows it (nothing is left behind even
 * if the process is killed), otherwise when it is closed. Each row is one length-framed CSV line
 * without its line end, so a suffix of more fields can be added while copying. Not thread-safe.
 */
final class Spool implements AutoCloseable {

  private static final int CHUNK = 1 << 16;

  private final FileChannel channel;
  private final DataOutputStream out;
  private long rows;

  private Spool(FileChannel channel) {
    this.channel = channel;
    this.out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel), CHUNK));
  }

  /** Creates an empty spool in the JVM's temporary folder ({@code java.io.tmpdir}). */
  static Spool create() throws IOException {
    Path file = Files.createTempFile("fee-sync-", ".spool");
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
          StandardOpenOption.DELETE_ON_CLOSE);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
    try {
      Files.delete(file);
    } catch (IOException e) {
      // not on this file system while open (Windows): DELETE_ON_CLOSE removes it on close
    }
    return new Spool(channel);
  }

  /** Appends one row: CSV fields without the line end. */
  void append(byte[] row) throws IOException {
    out.writeInt(row.length);
    out.write(row);
    rows++;
  }

  /**
   * Sends every row, in the order appended, to an open {@code COPY … FROM STDIN (FORMAT csv)}, each
   * followed by {@code suffix} and a line end; may be called again for another COPY.
   */
  void copyTo(CopyIn copy, byte[] suffix) throws IOException, SQLException {
    out.flush();
    long end = channel.position();
    channel.position(0);
    InputStream raw = Channels.newInputStream(channel);
    DataInputStream in = new DataInputStream(new BufferedInputStream(new NonClosing(raw), CHUNK));
    byte[] chunk = new byte[CHUNK];
    int used = 0;
    byte[] row = new byte[256];
    try {
      for (long i = 0; i < rows; i++) {
        int length;
        try {
          length = in.readInt();
        } catch (EOFException e) {
          throw new IOException("the spool file ended after " + i + " of " + rows + " rows", e);
        }
        if (row.length < length) {
          row = new byte[Math.max(length, row.length * 2)];
        }
        in.readFully(row, 0, length);
        int needed = length + suffix.length + 1;
        if (used + needed > chunk.length) {
          copy.writeToCopy(chunk, 0, used);
          used = 0;
          if (needed > chunk.length) {
            chunk = new byte[needed];
          }
        }
        System.arraycopy(row, 0, chunk, used, length);
        used += length;
        System.arraycopy(suffix, 0, chunk, used, suffix.length);
        used += suffix.length;
        chunk[used++] = '\n';
      }
      if (used > 0) {
        copy.writeToCopy(chunk, 0, used);
      }
    } finally {
      channel.position(end);
    }
  }

  /** Closes the file, which deletes it. Never throws. */
  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing more can be done; the file was already unlinked or is deleted on exit
    }
  }

  /** Keeps a stream wrapper from closing the channel it reads. */
  private static final class NonClosing extends FilterInputStream {
    NonClosing(InputStream in) {
      super(in);
    }

    @Override
    public void close() {
      // the spool closes the channel
    }
  }
}
