using System.Buffers.Binary;
using System.IO.Compression;

namespace GanCourse;

/// <summary>An array read from an IDX file: its shape (first dimension = number of items) and its bytes.</summary>
public sealed class IdxArray
{
    /// <summary>Wraps <paramref name="data"/> (row-major) with its <paramref name="shape"/>; sizes must agree.</summary>
    public IdxArray(byte[] data, params int[] shape)
    {
        Require.NotNull(data, nameof(data));
        Require.NotNull(shape, nameof(shape));
        if (shape.Length is < 1 or > Idx.MaxRank)
            throw new ArgumentException($"An IDX array has 1 to {Idx.MaxRank} dimensions, not {shape.Length}.", nameof(shape));
        if (shape.Any(d => d < 0))
            throw new ArgumentException($"Dimensions must be non-negative, not [{string.Join(", ", shape)}].", nameof(shape));
        long size = shape.Aggregate(1L, (a, d) => a * d);
        if (size != data.LongLength)
            throw new ArgumentException(
                $"Shape [{string.Join(", ", shape)}] holds {size} bytes but the data has {data.LongLength}.", nameof(data));
        Data = data;
        Shape = shape;
    }

    /// <summary>The dimensions, e.g. [60000, 28, 28] for MNIST's training images, [60000] for its labels.</summary>
    public int[] Shape { get; }

    /// <summary>The values, row-major, one byte each.</summary>
    public byte[] Data { get; }

    /// <summary>Number of items (the first dimension).</summary>
    public int Count => Shape[0];

    /// <summary>The IDX magic number of this array: 0x00000801 for labels (1-D), 0x00000803 for images (3-D).</summary>
    public int Magic => (Idx.UnsignedByte << 8) | Shape.Length;
}

/// <summary>
/// The IDX format of MNIST and Fashion-MNIST: a 4-byte big-endian magic number (two zero bytes, the element type,
/// 0x08 = unsigned byte, and the number of dimensions), one big-endian 32-bit size per dimension, then the data.
/// Files ending in .gz, or starting with the gzip signature, are decompressed transparently.
/// </summary>
public static class Idx
{
    /// <summary>Magic number of an unsigned-byte 3-D IDX file (images).</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>Magic number of an unsigned-byte 1-D IDX file (labels).</summary>
    public const int LabelsMagic = 0x00000801;

    internal const byte UnsignedByte = 0x08;
    internal const int MaxRank = 4;

    /// <summary>
    /// Reads an IDX file (plain or gzipped). Throws <see cref="InvalidDataException"/> naming the file, what was expected
    /// and what was found if the magic number, the dimensions or the length are wrong (a truncated or corrupt file).
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="expectedMagic">If given, the magic number the file must have (<see cref="ImagesMagic"/> or <see cref="LabelsMagic"/>).</param>
    public static IdxArray Read(string path, int? expectedMagic = null)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"IDX file {path} does not exist.", path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        bool gz = IsGzip(file);
        if (!gz)
            return ReadFrom(file, path, expectedMagic, file.Length);
        try
        {
            using var unzip = new GZipStream(file, CompressionMode.Decompress);
            return ReadFrom(unzip, path, expectedMagic, knownLength: null);
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith(path, StringComparison.Ordinal))
        {
            throw Corrupt(path, "a valid gzip stream", $"a damaged one ({e.Message})", e);
        }
    }

    /// <summary>Parses IDX bytes already in memory (plain, not gzipped); <paramref name="source"/> names them in errors.</summary>
    internal static IdxArray Parse(byte[] bytes, string source, int? expectedMagic = null)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        return ReadFrom(stream, source, expectedMagic, bytes.LongLength);
    }

    /// <summary>
    /// Writes <paramref name="array"/> as an IDX file, gzipped when <paramref name="path"/> ends in .gz. The file is
    /// written to a temporary name and renamed into place, so no half-written file is ever left behind.
    /// </summary>
    public static void Write(string path, IdxArray array)
    {
        Require.NotNull(array, nameof(array));
        AtomicFile.Write(path, stream =>
        {
            if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            {
                using var zip = new GZipStream(stream, CompressionLevel.Optimal, leaveOpen: true);
                WriteTo(zip, array);
            }
            else
            {
                WriteTo(stream, array);
            }
        });
    }

    /// <summary>Writes <paramref name="data"/> with <paramref name="shape"/> as an IDX file (see <see cref="Write(string, IdxArray)"/>).</summary>
    public static void Write(string path, byte[] data, params int[] shape) => Write(path, new IdxArray(data, shape));

    static void WriteTo(Stream stream, IdxArray array)
    {
        Span<byte> header = stackalloc byte[4 + 4 * array.Shape.Length];
        BinaryPrimitives.WriteInt32BigEndian(header, array.Magic);
        for (int i = 0; i < array.Shape.Length; i++)
            BinaryPrimitives.WriteInt32BigEndian(header[(4 + 4 * i)..], array.Shape[i]);
        stream.Write(header);
        stream.Write(array.Data);
    }

    static bool IsGzip(FileStream file)
    {
        Span<byte> sig = stackalloc byte[2];
        int n = file.Read(sig);
        file.Position = 0;
        return n == 2 && sig[0] == 0x1f && sig[1] == 0x8b;
    }

    static IdxArray ReadFrom(Stream stream, string path, int? expectedMagic, long? knownLength)
    {
        Span<byte> magicBytes = stackalloc byte[4];
        int got = ReadFully(stream, magicBytes);
        if (got < 4)
            throw Corrupt(path, "a 4-byte IDX magic number", $"a file of only {got} bytes");
        int magic = BinaryPrimitives.ReadInt32BigEndian(magicBytes);
        if (magicBytes[0] != 0 || magicBytes[1] != 0 || magicBytes[2] != UnsignedByte || magicBytes[3] is < 1 or > MaxRank)
            throw Corrupt(path,
                $"an unsigned-byte IDX magic number (0x{LabelsMagic:X8} for labels, 0x{ImagesMagic:X8} for images)",
                $"0x{magic:X8}");
        if (expectedMagic is int want && magic != want)
            throw Corrupt(path, $"magic number 0x{want:X8} ({Describe(want)})", $"0x{magic:X8} ({Describe(magic)})");

        int rank = magicBytes[3];
        Span<byte> dimBytes = stackalloc byte[4 * rank];
        got = ReadFully(stream, dimBytes);
        if (got < dimBytes.Length)
            throw Corrupt(path, $"{rank} dimension sizes ({dimBytes.Length} bytes) after the magic number",
                $"only {got} bytes");
        var shape = new int[rank];
        long size = 1;
        for (int i = 0; i < rank; i++)
        {
            shape[i] = BinaryPrimitives.ReadInt32BigEndian(dimBytes[(4 * i)..]);
            if (shape[i] < 0)
                throw Corrupt(path, "non-negative dimension sizes", $"[{string.Join(", ", shape[..(i + 1)])}]");
            size *= shape[i];
            if (size > Array.MaxLength)
                throw Corrupt(path, $"at most {Array.MaxLength} bytes of data", $"dimensions [{string.Join(", ", shape[..(i + 1)])}...]");
        }
        string dims = string.Join(" x ", shape);
        long headerLength = 4 + 4L * rank;
        if (knownLength is long length && length != headerLength + size)
            throw Corrupt(path, $"{headerLength + size} bytes ({headerLength}-byte header + {dims} data bytes)",
                $"{length} bytes ({(length < headerLength + size ? "truncated" : "extra bytes at the end")})");

        var data = new byte[size];
        got = ReadFully(stream, data);
        if (got < size)
            throw Corrupt(path, $"{size} data bytes for dimensions {dims}", $"only {got} (the file is truncated)");
        if (knownLength is null && stream.ReadByte() != -1)
            throw Corrupt(path, $"exactly {size} data bytes for dimensions {dims}", "extra bytes at the end");
        return new IdxArray(data, shape);
    }

    static int ReadFully(Stream stream, Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = stream.Read(buffer[total..]);
            if (n == 0) break;
            total += n;
        }
        return total;
    }

    static string Describe(int magic) => magic switch
    {
        ImagesMagic => "3-D unsigned bytes: images",
        LabelsMagic => "1-D unsigned bytes: labels",
        _ => $"{magic & 0xFF}-D"
    };

    internal const string FixHint =
        "Delete the file and run again (Datasets.Ensure fetches it anew), or run `./course data`.";

    static InvalidDataException Corrupt(string path, string expected, string found, Exception? inner = null) =>
        new($"{path}: not a valid IDX file: expected {expected}, found {found}. {FixHint}", inner);
}
