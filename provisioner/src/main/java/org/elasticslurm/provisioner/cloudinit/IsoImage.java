package org.elasticslurm.provisioner.cloudinit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes a small ISO 9660 image in memory: one root directory with plain files, Rock Ridge names (so Linux and
 * cloud-init see {@code meta-data}, {@code user-data} under their real names) and mode r--r--r--. Enough for a
 * NoCloud seed without starting a process; no subdirectories, no Joliet.
 *
 * <p>Layout: sectors 0-15 empty, 16 primary volume descriptor, 17 terminator, 18/19 the little/big-endian path
 * tables, then the root directory, then each file's data, each starting on a sector of its own.
 */
public final class IsoImage {
    private static final int SECTOR = 2048;
    private static final int ROOT_SECTOR = 20;
    private static final int FILE_MODE = 0100444;
    private static final int DIR_MODE = 040555;

    private IsoImage() {
    }

    /**
     * The image.
     *
     * @param volumeId volume label (at most 32 characters, e.g. {@code cidata})
     * @param files name to content; names as {@link SeedFiles} allows (letters, digits, '.', '_', '-')
     * @param time recording time written into the descriptors and directory records
     * @throws IllegalArgumentException on a bad label or name
     */
    public static byte[] write(String volumeId, Map<String, byte[]> files, Instant time) {
        if (volumeId.isEmpty() || volumeId.length() > 32 || !volumeId.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("volume id '" + volumeId + "': 1-32 letters, digits or '_'");
        }
        List<Entry> entries = entries(files);
        // the root directory: "." and ".." then the files, records never crossing a sector
        List<byte[]> records = new ArrayList<>();
        int rootSectors = 1;
        for (int pass = 0; pass < 2; pass++) {
            int next = ROOT_SECTOR + rootSectors;
            for (Entry e : entries) {
                e.sector = next;
                next += Math.max(1, (e.data.length + SECTOR - 1) / SECTOR);
            }
            records.clear();
            records.add(record(new byte[] {0}, ROOT_SECTOR, rootSectors * SECTOR, true, time, rootUse()));
            records.add(record(new byte[] {1}, ROOT_SECTOR, rootSectors * SECTOR, true, time, dirUse()));
            for (Entry e : entries) {
                records.add(record(e.isoName.getBytes(StandardCharsets.US_ASCII), e.sector, e.data.length, false,
                        time, fileUse(e.name)));
            }
            int needed = layout(records).length / SECTOR;
            if (needed == rootSectors) {
                break;
            }
            rootSectors = needed;
        }
        byte[] root = layout(records);
        int total = entries.isEmpty() ? ROOT_SECTOR + rootSectors
                : entries.get(entries.size() - 1).sector + Math.max(1, (entries.get(entries.size() - 1).data.length
                + SECTOR - 1) / SECTOR);
        ByteBuffer image = ByteBuffer.allocate(total * SECTOR);
        image.position(16 * SECTOR);
        image.put(primaryDescriptor(volumeId, total, rootSectors, time));
        image.position(17 * SECTOR);
        image.put(new byte[] {(byte) 255, 'C', 'D', '0', '0', '1', 1});
        image.position(18 * SECTOR);
        image.put(pathTable(ByteOrder.LITTLE_ENDIAN));
        image.position(19 * SECTOR);
        image.put(pathTable(ByteOrder.BIG_ENDIAN));
        image.position(ROOT_SECTOR * SECTOR);
        image.put(root);
        for (Entry e : entries) {
            image.position(e.sector * SECTOR);
            image.put(e.data);
        }
        return image.array();
    }

    private static final class Entry {
        final String name;
        final String isoName;
        final byte[] data;
        int sector;

        Entry(String name, String isoName, byte[] data) {
            this.name = name;
            this.isoName = isoName;
            this.data = data;
        }
    }

    /** The files with ISO 9660 identifiers ({@code NAME.EXT;1}, unique), sorted by identifier as required. */
    private static List<Entry> entries(Map<String, byte[]> files) {
        Set<String> used = new HashSet<>();
        TreeMap<String, Entry> sorted = new TreeMap<>();
        for (Map.Entry<String, byte[]> f : new TreeMap<>(files).entrySet()) {
            String name = f.getKey();
            if (!name.matches("[A-Za-z0-9_][A-Za-z0-9._-]{0,63}")) {
                throw new IllegalArgumentException("file name '" + name + "': letters, digits, '.', '_', '-'");
            }
            String upper = name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_.]", "_");
            int dot = upper.lastIndexOf('.');
            String base = (dot < 0 ? upper : upper.substring(0, dot)).replace('.', '_');
            String ext = dot < 0 ? "" : upper.substring(dot + 1);
            base = base.substring(0, Math.min(base.length(), 20));
            ext = ext.substring(0, Math.min(ext.length(), 6));
            String id = base + "." + ext;
            for (int k = 1; !used.add(id); k++) {
                String suffix = "_" + k;
                id = base.substring(0, Math.min(base.length(), 20 - suffix.length())) + suffix + "." + ext;
            }
            sorted.put(id, new Entry(name, id + ";1", f.getValue()));
        }
        return new ArrayList<>(sorted.values());
    }

    /** Directory records packed into sectors; a record that does not fit the rest of a sector starts the next. */
    private static byte[] layout(List<byte[]> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int used = 0;
        for (byte[] r : records) {
            if (used + r.length > SECTOR) {
                out.write(new byte[SECTOR - used], 0, SECTOR - used);
                used = 0;
            }
            out.write(r, 0, r.length);
            used += r.length;
        }
        out.write(new byte[SECTOR - used], 0, SECTOR - used);
        return out.toByteArray();
    }

    private static byte[] record(byte[] id, int sector, int size, boolean directory, Instant time, byte[] systemUse) {
        int length = 33 + id.length + (id.length % 2 == 0 ? 1 : 0) + systemUse.length;
        length += length % 2;
        if (length > 255) {
            throw new IllegalArgumentException("directory record too long for " + new String(id,
                    StandardCharsets.US_ASCII));
        }
        ByteBuffer b = ByteBuffer.allocate(length);
        b.put((byte) length).put((byte) 0);
        both32(b, sector);
        both32(b, size);
        b.put(recordDate(time));
        b.put((byte) (directory ? 2 : 0)).put((byte) 0).put((byte) 0);
        both16(b, 1);
        b.put((byte) id.length).put(id);
        if (id.length % 2 == 0) {
            b.put((byte) 0);
        }
        b.put(systemUse);
        return b.array();
    }

    /** SUSP of the root's "." record: SP (SUSP in use), RR, PX and ER (Rock Ridge in use). */
    private static byte[] rootUse() {
        ByteBuffer b = ByteBuffer.allocate(512);
        b.put(new byte[] {'S', 'P', 7, 1, (byte) 0xBE, (byte) 0xEF, 0});
        b.put(rr());
        b.put(px(DIR_MODE, 2));
        byte[] id = "RRIP_1991A".getBytes(StandardCharsets.US_ASCII);
        byte[] des = "ROCK RIDGE".getBytes(StandardCharsets.US_ASCII);
        byte[] src = "-".getBytes(StandardCharsets.US_ASCII);
        b.put(new byte[] {'E', 'R', (byte) (8 + id.length + des.length + src.length), 1, (byte) id.length,
                (byte) des.length, (byte) src.length, 1});
        b.put(id).put(des).put(src);
        return slice(b);
    }

    private static byte[] dirUse() {
        ByteBuffer b = ByteBuffer.allocate(64);
        b.put(rr());
        b.put(px(DIR_MODE, 2));
        return slice(b);
    }

    private static byte[] fileUse(String name) {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(128);
        b.put(rr());
        b.put(px(FILE_MODE, 1));
        b.put(new byte[] {'N', 'M', (byte) (5 + n.length), 1, 0}).put(n);
        return slice(b);
    }

    /** RRIP 1.09 "RR": which Rock Ridge entries follow (PX and NM). */
    private static byte[] rr() {
        return new byte[] {'R', 'R', 5, 1, (byte) 0x09};
    }

    private static byte[] px(int mode, int links) {
        ByteBuffer b = ByteBuffer.allocate(36);
        b.put(new byte[] {'P', 'X', 36, 1});
        both32(b, mode);
        both32(b, links);
        both32(b, 0);
        both32(b, 0);
        return b.array();
    }

    private static byte[] slice(ByteBuffer b) {
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    private static byte[] primaryDescriptor(String volumeId, int totalSectors, int rootSectors, Instant time) {
        ByteBuffer b = ByteBuffer.allocate(SECTOR);
        b.put((byte) 1).put("CD001".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.put(padded("LINUX", 32));
        b.put(padded(volumeId, 32));
        b.put(new byte[8]);
        both32(b, totalSectors);
        b.put(new byte[32]);
        both16(b, 1);
        both16(b, 1);
        both16(b, SECTOR);
        both32(b, 10);
        b.order(ByteOrder.LITTLE_ENDIAN).putInt(18).putInt(0);
        b.order(ByteOrder.BIG_ENDIAN).putInt(19).putInt(0);
        b.put(record(new byte[] {0}, ROOT_SECTOR, rootSectors * SECTOR, true, time, new byte[0]));
        b.put(padded("", 128)).put(padded("", 128)).put(padded("", 128));
        b.put(padded("ELASTIC-SLURM PROVISIONER", 128));
        b.put(padded("", 37)).put(padded("", 37)).put(padded("", 37));
        byte[] date = descriptorDate(time);
        b.put(date).put(date);
        b.put("0000000000000000".getBytes(StandardCharsets.US_ASCII)).put((byte) 0);
        b.put(date);
        b.put((byte) 1);
        return b.array();
    }

    private static byte[] pathTable(ByteOrder order) {
        ByteBuffer b = ByteBuffer.allocate(10).order(order);
        b.put((byte) 1).put((byte) 0).putInt(ROOT_SECTOR).putShort((short) 1).put((byte) 0).put((byte) 0);
        return b.array();
    }

    private static byte[] padded(String s, int length) {
        byte[] out = new byte[length];
        java.util.Arrays.fill(out, (byte) ' ');
        byte[] in = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(in, 0, out, 0, Math.min(in.length, length));
        return out;
    }

    private static byte[] recordDate(Instant time) {
        ZonedDateTime t = time.atZone(ZoneOffset.UTC);
        return new byte[] {(byte) (t.getYear() - 1900), (byte) t.getMonthValue(), (byte) t.getDayOfMonth(),
                (byte) t.getHour(), (byte) t.getMinute(), (byte) t.getSecond(), 0};
    }

    private static byte[] descriptorDate(Instant time) {
        ZonedDateTime t = time.atZone(ZoneOffset.UTC);
        String s = String.format(Locale.ROOT, "%04d%02d%02d%02d%02d%02d%02d", t.getYear(), t.getMonthValue(),
                t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(), t.getNano() / 10_000_000);
        byte[] out = new byte[17];
        System.arraycopy(s.getBytes(StandardCharsets.US_ASCII), 0, out, 0, 16);
        return out;
    }

    private static void both16(ByteBuffer b, int v) {
        b.order(ByteOrder.LITTLE_ENDIAN).putShort((short) v);
        b.order(ByteOrder.BIG_ENDIAN).putShort((short) v);
    }

    private static void both32(ByteBuffer b, int v) {
        b.order(ByteOrder.LITTLE_ENDIAN).putInt(v);
        b.order(ByteOrder.BIG_ENDIAN).putInt(v);
    }
}
