package org.quorate.core.audit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.quorate.core.reason.BundleFormatCode;

/**
 * Reads the ZIP of an audit bundle (SPEC §5) strictly, for {@link AuditBundle#readZip}: the caps,
 * the entry names, duplicates, and a central directory (APPNOTE.TXT 4.3.12, 4.3.16) that names
 * exactly the entries of the local headers in their order. Holds no state.
 */
final class BundleZip {
  private BundleZip() {}

  /**
   * @param in the ZIP bytes (read to the end; not closed)
   * @return the entries' names to their inflated bytes, in local-header order
   * @throws BundleFormatException as {@link AuditBundle#readZip}
   */
  static Map<String, byte[]> read(InputStream in) throws BundleFormatException {
    Objects.requireNonNull(in, "in");
    byte[] zipBytes;
    try {
      zipBytes = in.readNBytes((int) AuditBundle.MAX_ZIP_BYTES + 1);
    } catch (IOException e) {
      throw new BundleFormatException(
          BundleFormatCode.NOT_A_ZIP, "the ZIP could not be read: " + e.getMessage());
    }
    if (zipBytes.length > AuditBundle.MAX_ZIP_BYTES) {
      throw new BundleFormatException(
          BundleFormatCode.TOO_LARGE,
          "the ZIP is larger than " + AuditBundle.MAX_ZIP_BYTES + " bytes");
    }
    Map<String, byte[]> files = new LinkedHashMap<>();
    long total = 0;
    int count = 0;
    try {
      ZipInputStream zip =
          new ZipInputStream(new ByteArrayInputStream(zipBytes), StandardCharsets.UTF_8);
      ZipEntry e;
      byte[] buffer = new byte[64 * 1024];
      while ((e = zip.getNextEntry()) != null) {
        if (++count > AuditBundle.MAX_ENTRIES) {
          throw new BundleFormatException(
              BundleFormatCode.TOO_LARGE,
              "the ZIP has more than " + AuditBundle.MAX_ENTRIES + " entries");
        }
        String name = e.getName();
        if (e.isDirectory()) {
          if (!List.of("events/", "anchors/", "crls/").contains(name)) {
            throw new BundleFormatException(
                BundleFormatCode.PATH_NOT_ALLOWED,
                "directory entry " + AuditBundle.quote(name) + " is not of the SPEC §5 layout");
          }
          continue;
        }
        AuditBundle.checkName(name);
        if (files.containsKey(name)) {
          throw new BundleFormatException(
              BundleFormatCode.DUPLICATE_ENTRY,
              "the ZIP holds " + AuditBundle.quote(name) + " twice");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long size = 0;
        int n;
        while ((n = zip.read(buffer)) > 0) {
          size += n;
          total += n;
          if (size > AuditBundle.MAX_ENTRY_BYTES) {
            throw new BundleFormatException(
                BundleFormatCode.TOO_LARGE,
                AuditBundle.quote(name)
                    + " inflates to more than "
                    + AuditBundle.MAX_ENTRY_BYTES
                    + " bytes");
          }
          if (total > AuditBundle.MAX_TOTAL_BYTES) {
            throw new BundleFormatException(
                BundleFormatCode.TOO_LARGE,
                "the entries inflate to more than " + AuditBundle.MAX_TOTAL_BYTES + " bytes");
          }
          out.write(buffer, 0, n);
        }
        files.put(name, out.toByteArray());
      }
    } catch (ZipException e) {
      throw new BundleFormatException(
          BundleFormatCode.NOT_A_ZIP, "not a readable ZIP file: " + e.getMessage());
    } catch (IOException | IllegalArgumentException e) {
      throw new BundleFormatException(
          BundleFormatCode.NOT_A_ZIP, "the ZIP could not be read: " + e.getMessage());
    }
    if (files.isEmpty()) {
      throw new BundleFormatException(
          BundleFormatCode.NOT_A_ZIP, "not a ZIP file, or a ZIP without entries");
    }
    centralDirectory(zipBytes, new ArrayList<>(files.keySet()));
    return files;
  }

  /**
   * The central directory (what {@code unzip} and other tools list) must name exactly the entries
   * read from the local headers, in the same order, each pointing at its own local header: else a
   * ZIP could show an auditor's tools other files than the verifier checked.
   */
  private static void centralDirectory(byte[] z, List<String> local) throws BundleFormatException {
    int eocd = -1;
    for (int i = z.length - 22; i >= Math.max(0, z.length - 22 - 0xFFFF); i--) {
      if (u32(z, i) == 0x06054b50L) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) {
      throw inconsistent("the ZIP has no end of central directory record");
    }
    int entries = u16(z, eocd + 10);
    long size = u32(z, eocd + 12);
    long offset = u32(z, eocd + 16);
    if (u16(z, eocd + 4) != 0
        || u16(z, eocd + 6) != 0
        || u16(z, eocd + 8) != entries
        || entries == 0xFFFF
        || offset + size > eocd) {
      throw inconsistent("the ZIP's end of central directory record is not of a single-disk ZIP");
    }
    List<String> central = new ArrayList<>();
    int at = (int) offset;
    for (int k = 0; k < entries; k++) {
      if (at + 46 > eocd || u32(z, at) != 0x02014b50L) {
        throw inconsistent("central directory entry " + k + " is malformed");
      }
      int nameLength = u16(z, at + 28);
      int next = at + 46 + nameLength + u16(z, at + 30) + u16(z, at + 32);
      long localAt = u32(z, at + 42);
      if (at + 46 + nameLength > eocd || next > eocd || localAt + 30 > offset) {
        throw inconsistent("central directory entry " + k + " is malformed");
      }
      String name = new String(z, at + 46, nameLength, StandardCharsets.UTF_8);
      int l = (int) localAt;
      int localNameLength = u16(z, l + 26);
      if (u32(z, l) != 0x04034b50L
          || l + 30 + localNameLength > offset
          || !name.equals(new String(z, l + 30, localNameLength, StandardCharsets.UTF_8))) {
        throw inconsistent(
            "central directory entry "
                + AuditBundle.quote(name)
                + " does not point at its own local header");
      }
      if (!name.endsWith("/")) {
        central.add(name);
      }
      at = next;
    }
    if (!central.equals(local)) {
      throw inconsistent(
          "the central directory lists "
              + central.size()
              + " files, the local headers "
              + local.size()
              + " (or in another order)");
    }
  }

  private static BundleFormatException inconsistent(String what) {
    return new BundleFormatException(BundleFormatCode.NOT_A_ZIP, what);
  }

  private static int u16(byte[] b, int i) {
    return i < 0 || i + 2 > b.length ? -1 : (b[i] & 0xff) | (b[i + 1] & 0xff) << 8;
  }

  private static long u32(byte[] b, int i) {
    return i < 0 || i + 4 > b.length
        ? -1
        : (b[i] & 0xffL)
            | (b[i + 1] & 0xffL) << 8
            | (b[i + 2] & 0xffL) << 16
            | (b[i + 3] & 0xffL) << 24;
  }

  /**
   * Writes a bundle's files as a ZIP (DEFLATE, entry times 0), in the order given.
   *
   * @param files file name to bytes
   * @param out where to write (not closed; the ZIP is finished)
   * @throws IOException when writing fails
   */
  static void write(Map<String, byte[]> files, OutputStream out) throws IOException {
    ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      ZipEntry e = new ZipEntry(f.getKey());
      e.setTime(0L);
      zip.putNextEntry(e);
      zip.write(f.getValue());
      zip.closeEntry();
    }
    zip.finish();
    zip.flush();
  }
}
