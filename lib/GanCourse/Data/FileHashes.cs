using System.Security.Cryptography;

namespace GanCourse;

/// <summary>Published checksums of one file (either may be missing); a file matches when any given one matches.</summary>
sealed record Checksums(string? Sha256, string? Md5 = null);

/// <summary>Checksums of a file on disk, computed on demand (md5 only when a sha256 did not settle the question).</summary>
sealed class FileHashes(string path)
{
    string? sha256, md5;

    public string Path { get; } = path;
    public string Sha256 => sha256 ??= Hash(SHA256.Create());
    public string Md5 => md5 ??= Hash(MD5.Create());

    /// <summary>Whether the file matches <paramref name="expected"/> (its sha256, or else its md5).</summary>
    public bool Matches(Checksums expected) =>
        (expected.Sha256 != null && string.Equals(Sha256, expected.Sha256, StringComparison.OrdinalIgnoreCase)) ||
        (expected.Md5 != null && string.Equals(Md5, expected.Md5, StringComparison.OrdinalIgnoreCase));

    string Hash(HashAlgorithm algorithm)
    {
        using (algorithm)
        using (var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20))
            return Convert.ToHexString(algorithm.ComputeHash(stream)).ToLowerInvariant();
    }
}
