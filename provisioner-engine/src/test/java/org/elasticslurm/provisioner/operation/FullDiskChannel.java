package org.elasticslurm.provisioner.operation;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A real file channel on which writes stop once {@link #room} bytes have been written, as on a full disk: the
 * write that crosses the limit writes what fits, the next one fails with "No space left on device".
 */
final class FullDiskChannel extends FileChannel {
    private final FileChannel file;
    /** Bytes that may still be written; negative = unlimited. */
    volatile long room = -1;

    FullDiskChannel(FileChannel file) {
        this.file = file;
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        if (room == 0) {
            throw new IOException("No space left on device");
        }
        if (room < 0 || src.remaining() <= room) {
            int n = file.write(src, position);
            room = room < 0 ? room : room - n;
            return n;
        }
        ByteBuffer part = src.slice();
        part.limit((int) room);
        int n = file.write(part, position);
        src.position(src.position() + n);
        room -= n;
        return n;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        int n = write(src, file.position());
        file.position(file.position() + n);
        return n;
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        throw new UnsupportedOperationException();
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return file.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return file.read(dsts, offset, length);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return file.read(dst, position);
    }

    @Override
    public long position() throws IOException {
        return file.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        file.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return file.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        file.truncate(size);
        return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        file.force(metaData);
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) {
        throw new UnsupportedOperationException();
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) {
        throw new UnsupportedOperationException();
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) {
        throw new UnsupportedOperationException();
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) {
        throw new UnsupportedOperationException();
    }

    @Override
    protected void implCloseChannel() throws IOException {
        file.close();
    }
}
