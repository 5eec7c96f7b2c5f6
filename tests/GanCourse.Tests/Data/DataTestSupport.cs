using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace GanCourse.Tests.Data;

/// <summary>A fresh temporary folder, deleted on dispose.</summary>
sealed class TempDir : IDisposable
{
    public TempDir() => Path = Directory.CreateTempSubdirectory("gan-data-test-").FullName;
    public string Path { get; }
    public string File(string name) => System.IO.Path.Combine(Path, name);
    public void Dispose() { if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true); }
}

/// <summary>A tiny dataset (3 train, 2 test images) with its files, gzipped copies and a catalog entry for them.</summary>
sealed class SyntheticDataset
{
    public readonly Dictionary<string, byte[]> Plain = [];
    public readonly Dictionary<string, byte[]> Gz = [];

    public static string Sha(byte[] b) => Convert.ToHexString(SHA256.HashData(b)).ToLowerInvariant();

    public DatasetSource Source(params string[] mirrors) => new(
        DatasetName.Mnist, "synthetic", "Synthetic",
        ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"],
        [new DatasetVersion("synthetic", Plain.ToDictionary(kv => kv.Key, kv => new Checksums(Sha(kv.Value))))],
        Gz.ToDictionary(kv => kv.Key, kv => new Checksums(Sha(kv.Value))),
        mirrors, "no-such-package@0.0.0",
        (_, _) => throw new DatasetUnavailableException("npm disabled in this test"));

    public SyntheticDataset()
    {
        var rng = new Random(5);
        foreach (var (name, shape) in new (string, int[])[]
                 {
                     (DatasetCatalog.TrainImages, [3, 28, 28]), (DatasetCatalog.TrainLabels, [3]),
                     (DatasetCatalog.TestImages, [2, 28, 28]), (DatasetCatalog.TestLabels, [2]),
                 })
        {
            var data = new byte[shape.Aggregate(1, (a, b) => a * b)];
            rng.NextBytes(data);
            if (shape.Length == 1) for (int i = 0; i < data.Length; i++) data[i] %= 10;
            using var dir = new TempDir();
            Idx.Write(dir.File(name), data, shape);
            Plain[name] = File.ReadAllBytes(dir.File(name));
            using var ms = new MemoryStream();
            using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(Plain[name]);
            Gz[name + ".gz"] = ms.ToArray();
        }
    }
}

/// <summary>Collects log lines synchronously (Progress&lt;T&gt; would post them later).</summary>
sealed class ListLog : IProgress<string>
{
    readonly List<string> lines = [];
    public void Report(string value) { lock (lines) lines.Add(value); }
    public string Text { get { lock (lines) return string.Join("\n", lines); } }
}

/// <summary>A tiny HTTP server on the loopback interface serving fixed files, counting requests.</summary>
sealed class LoopbackMirror : IDisposable
{
    readonly HttpListener listener = new();
    readonly Dictionary<string, byte[]> files;
    readonly Task loop;
    int requests;

    public LoopbackMirror(Dictionary<string, byte[]> files)
    {
        this.files = files;
        int port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}/";
        listener.Prefixes.Add(BaseUrl);
        listener.Start();
        loop = Task.Run(Serve);
    }

    public string BaseUrl { get; }
    public int Requests => Volatile.Read(ref requests);

    /// <summary>A loopback port with nothing listening on it (connections are refused at once).</summary>
    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    async Task Serve()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            Interlocked.Increment(ref requests);
            string name = context.Request.Url!.AbsolutePath.TrimStart('/');
            if (files.TryGetValue(name, out var body))
            {
                context.Response.StatusCode = 200;
                context.Response.ContentLength64 = body.Length;
                await context.Response.OutputStream.WriteAsync(body);
            }
            else
            {
                context.Response.StatusCode = 404;
            }
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        loop.Wait(TimeSpan.FromSeconds(5));
    }
}
