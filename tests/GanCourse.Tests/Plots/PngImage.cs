using System.Buffers.Binary;
using System.IO.Compression;

namespace GanCourse.Tests.Plots;

/// <summary>
/// A minimal PNG decoder for 8-bit, non-interlaced RGB/RGBA/grayscale files (what Chromium's screenshots are),
/// so rendering tests need no image library.
/// </summary>
sealed class PngImage
{
    public int Width { get; private init; }
    public int Height { get; private init; }
    readonly byte[] rgb;

    PngImage(int width, int height, byte[] rgb) { Width = width; Height = height; this.rgb = rgb; }

    /// <summary>Red, green and blue of the pixel in column <paramref name="x"/>, row <paramref name="y"/>.</summary>
    public (byte R, byte G, byte B) this[int x, int y]
    {
        get { int i = 3 * (y * Width + x); return (rgb[i], rgb[i + 1], rgb[i + 2]); }
    }

    public static PngImage Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 8 || !bytes.AsSpan(0, 8).SequenceEqual(new byte[] { 137, 80, 78, 71, 13, 10, 26, 10 }))
            throw new InvalidDataException($"{path} is not a PNG file.");
        int width = 0, height = 0, colorType = -1;
        using var idat = new MemoryStream();
        for (int pos = 8; pos + 8 <= bytes.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(pos));
            string type = System.Text.Encoding.ASCII.GetString(bytes, pos + 4, 4);
            var data = bytes.AsSpan(pos + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                if (data[8] != 8 || data[12] != 0)
                    throw new InvalidDataException($"Only 8-bit non-interlaced PNGs are supported (bit depth {data[8]}, interlace {data[12]}).");
                colorType = data[9];
            }
            else if (type == "IDAT") idat.Write(data);
            else if (type == "IEND") break;
            pos += 12 + length;
        }
        int channels = colorType switch
        {
            0 => 1, 2 => 3, 4 => 2, 6 => 4,
            _ => throw new InvalidDataException($"Unsupported PNG colour type {colorType}."),
        };
        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var z = new ZLibStream(idat, CompressionMode.Decompress)) z.CopyTo(inflated);
        var raw = inflated.ToArray();
        int stride = width * channels;
        var pixels = new byte[height * stride];
        for (int y = 0; y < height; y++)
        {
            int filter = raw[y * (stride + 1)];
            var line = raw.AsSpan(y * (stride + 1) + 1, stride);
            for (int i = 0; i < stride; i++)
            {
                int a = i >= channels ? pixels[y * stride + i - channels] : 0;
                int b = y > 0 ? pixels[(y - 1) * stride + i] : 0;
                int c = i >= channels && y > 0 ? pixels[(y - 1) * stride + i - channels] : 0;
                int predictor = filter switch
                {
                    0 => 0, 1 => a, 2 => b, 3 => (a + b) / 2, 4 => Paeth(a, b, c),
                    _ => throw new InvalidDataException($"Bad PNG filter {filter} on row {y}."),
                };
                pixels[y * stride + i] = (byte)(line[i] + predictor);
            }
        }
        var rgb = new byte[width * height * 3];
        for (int p = 0; p < width * height; p++)
        for (int k = 0; k < 3; k++)
            rgb[3 * p + k] = channels >= 3 ? pixels[p * channels + k] : pixels[p * channels];
        return new PngImage(width, height, rgb);
    }

    static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = System.Math.Abs(p - a), pb = System.Math.Abs(p - b), pc = System.Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
