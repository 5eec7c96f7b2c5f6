using System.IO.Compression;
using System.Net;

namespace GanCourse;

/// <summary>Downloads the gzipped IDX files from a dataset mirror, with a short connect timeout (offline machines fail fast).</summary>
static class MirrorDownload
{
    internal static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);
    static readonly TimeSpan FileTimeout = TimeSpan.FromMinutes(5);

    static readonly Lazy<HttpClient> Client = new(() =>
        new HttpClient(new SocketsHttpHandler { ConnectTimeout = ConnectTimeout, AutomaticDecompression = DecompressionMethods.None })
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        });

    /// <summary>
    /// Downloads <c>name.gz</c> from <paramref name="baseUrl"/> into <paramref name="staging"/>, checks it against
    /// <paramref name="expected"/>, decompresses it to <c>staging/name</c> and deletes the .gz.
    /// </summary>
    internal static void Fetch(string baseUrl, string name, Checksums expected, string staging, IProgress<string>? log)
    {
        string url = baseUrl + name + ".gz";
        string gz = Path.Combine(staging, name + ".gz");
        using (var cts = new CancellationTokenSource(FileTimeout))
        {
            try
            {
                using var response = Client.Value.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cts.Token).GetAwaiter().GetResult();
                response.EnsureSuccessStatusCode();
                log?.Report($"downloading {url} ({(response.Content.Headers.ContentLength is long n ? $"{n / 1e6:F1} MB" : "size unknown")})");
                using var body = response.Content.ReadAsStream(cts.Token);
                using var file = File.Create(gz);
                body.CopyToAsync(file, cts.Token).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException e)
            {
                throw new HttpRequestException($"{url}: no complete answer within {FileTimeout.TotalMinutes} minutes", e);
            }
        }
        var hashes = new FileHashes(gz);
        if (!hashes.Matches(expected))
            throw new InvalidDataException(
                $"{url}: sha256 {hashes.Sha256} (md5 {hashes.Md5}) matches neither the published sha256 {expected.Sha256} " +
                $"nor md5 {expected.Md5}; the download is damaged or the mirror serves other data.");
        using (var input = new GZipStream(File.OpenRead(gz), CompressionMode.Decompress))
        using (var output = File.Create(Path.Combine(staging, name)))
            input.CopyTo(output);
        File.Delete(gz);
    }
}
