using System.Net;
using System.Net.Sockets;

namespace GanCourse.Tests.Data;

/// <summary>A fresh temporary folder, deleted on dispose.</summary>
sealed class TempDir : IDisposable
{
    public TempDir() => Path = Directory.CreateTempSubdirectory("gan-data-test-").FullName;
    public string Path { get; }
    public string File(string name) => System.IO.Path.Combine(Path, name);
    public void Dispose() { if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true); }
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
