using TorchSharp;
using static GanCourse.PlotlyFigure;
using static TorchSharp.torch;

namespace GanCourse;

public static partial class Plot
{
    const int TileGap = 2;         // white pixels between tiles
    const int TilePixels = 56;     // screen size of one 28-pixel tile

    /// <summary>
    /// Images as a grid of grayscale tiles (0 black, 1 white; white gaps between tiles), row-major, first image top
    /// left, equal aspect, no ticks. <paramref name="images"/>: [N, 1, H, W], [N, H, W] or [N, H·W] with square
    /// images; pixels in [0, 1], or in [-1, 1] when any value is negative (tanh generators); override with
    /// <paramref name="pixelRange"/>.
    /// </summary>
    public static Figure ImageGrid(Tensor images, int columns = 8, string title = "Images", (double Low, double High)? pixelRange = null)
    {
        var grid = ImageTiles.Of(images, columns, nameof(images));
        var range = pixelRange ?? ImageTiles.DefaultRange([images]);
        var trace = HeatmapOf(grid, range, visible: true);
        return Chart(ImageLayout(title, grid), [trace], modeBar: false);
    }

    /// <summary>
    /// One image grid per snapshot (e.g. fixed-noise samples at several training steps) with a slider under it to
    /// move through training; starts on the last snapshot. All snapshots share one pixel range, so brightness is
    /// comparable. Works offline: each snapshot is a trace and the slider toggles which one is visible.
    /// </summary>
    /// <remarks>Introduced in notebook 07.</remarks>
    public static Figure ImageGridSlider(
        IReadOnlyList<(string Label, Tensor Images)> snapshots, int columns = 8, string title = "Samples during training",
        (double Low, double High)? pixelRange = null)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        if (snapshots.Count == 0) throw new ArgumentException("snapshots is empty; pass at least one (label, images) pair.", nameof(snapshots));
        var range = pixelRange ?? ImageTiles.DefaultRange(snapshots.Select(s => s.Images).ToArray());
        var grids = snapshots.Select((s, i) => ImageTiles.Of(s.Images, columns, $"snapshots[{i}].Images")).ToArray();
        int last = snapshots.Count - 1;
        var traces = grids.Select((g, i) => HeatmapOf(g, range, visible: i == last)).ToArray();
        var steps = snapshots.Select((s, i) => Obj(
            ("label", s.Label),
            ("method", "update"),
            ("args", new object[]
            {
                Obj(("visible", Enumerable.Range(0, snapshots.Count).Select(j => j == i).ToArray())),
                Obj(("title.text", $"{title} — {s.Label}")),
            }))).ToArray();
        var slider = Obj(
            ("active", last), ("steps", steps),
            ("currentvalue", Obj(("prefix", "snapshot: "), ("font", Obj(("size", PlotTheme.FontSize))))),
            ("pad", Obj(("t", 30), ("b", 10))), ("len", 1.0), ("x", 0.0));
        var layout = ImageLayout($"{title} — {snapshots[last].Label}", grids[last], extraHeight: 110,
            ("sliders", new object[] { slider }));
        return Chart(layout, traces, modeBar: false);
    }

    /// <summary>
    /// The trainer's fixed-noise snapshots (<c>history.Snapshots</c>) as an image grid with a slider, each labelled
    /// "step N (epoch E)". Images as in <see cref="ImageGrid"/> ([n, 784] or [n, 1, 28, 28]).
    /// </summary>
    /// <remarks>Introduced in notebook 07.</remarks>
    public static Figure ImageGridSlider(
        IReadOnlyList<SampleSnapshot> snapshots, int columns = 8, string title = "Samples from fixed noise during training",
        (double Low, double High)? pixelRange = null)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        using var scope = NewDisposeScope();
        var labelled = snapshots.Select(s => ($"step {s.Step} (epoch {s.Epoch})", s.ToTensor())).ToArray();
        return ImageGridSlider(labelled, columns, title, pixelRange);
    }

    static Trace HeatmapOf(ImageTiles grid, (double Low, double High) range, bool visible) => Trace("heatmap",
        ("z", grid.Rows), ("zmin", range.Low), ("zmax", range.High),
        ("colorscale", new object[] { new object[] { 0, "black" }, new object[] { 1, "white" } }),
        ("showscale", false), ("visible", visible), ("xgap", 0), ("ygap", 0),
        ("hovertemplate", "value %{z:.2f}<extra></extra>"));

    static Layout ImageLayout(string title, ImageTiles grid, int extraHeight = 0, params (string Key, object? Value)[] extra)
    {
        double scale = (double)TilePixels / grid.TileHeight;
        int plotWidth = (int)System.Math.Round(grid.Width * scale), plotHeight = (int)System.Math.Round(grid.Height * scale);
        var hidden = new (string, object?)[]
        {
            ("showgrid", false), ("zeroline", false), ("showline", false), ("ticks", ""), ("showticklabels", false),
            ("title", null),
        };
        var xAxis = Obj(hidden.Append(("constrain", "domain")).Append(("range", new[] { -0.5, grid.Width - 0.5 })).ToArray());
        var yAxis = Obj(hidden.Append(("autorange", "reversed")).Append(("scaleanchor", "x")).Append(("scaleratio", 1))
            .Append(("constrain", "domain")).ToArray());
        var layout = PlotlyFigure.Layout(title, xAxis, yAxis,
            width: System.Math.Max(plotWidth + 40, 440), height: plotHeight + 80 + extraHeight, extra);
        layout["margin"] = Obj(("l", 20), ("r", 20), ("t", 60), ("b", 20 + extraHeight));
        return layout;
    }

    /// <summary>Images laid out as one 2-D array of rows (null between tiles, drawn as the white background).</summary>
    sealed class ImageTiles
    {
        public required double?[][] Rows { get; init; }
        public int TileHeight { get; init; }
        public int Width => Rows[0].Length;
        public int Height => Rows.Length;

        public static ImageTiles Of(Tensor images, int columns, string name)
        {
            ArgumentNullException.ThrowIfNull(images, name);
            if (columns < 1) throw new ArgumentOutOfRangeException(nameof(columns), columns, "columns must be at least 1.");
            var (n, h, w) = ImageShape(images, name);
            float[] pixels;
            using (var flat = images.detach().cpu().to_type(ScalarType.Float32).reshape(n * h * w))
                pixels = flat.data<float>().ToArray();
            int cols = (int)System.Math.Min(columns, n), rows = (int)((n + cols - 1) / cols);
            int width = cols * w + (cols - 1) * TileGap, height = rows * h + (rows - 1) * TileGap;
            var z = new double?[height][];
            for (int r = 0; r < height; r++) z[r] = new double?[width];
            for (int k = 0; k < n; k++)
            {
                int top = (k / cols) * (h + TileGap), left = (k % cols) * (w + TileGap);
                for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                {
                    float v = pixels[(long)k * h * w + y * w + x];
                    z[top + y][left + x] = float.IsFinite(v) ? System.Math.Round(v, 2) : null;
                }
            }
            return new ImageTiles { Rows = z, TileHeight = h };
        }

        /// <summary>[0, 1] unless some pixel is negative (a tanh generator's [-1, 1]).</summary>
        public static (double, double) DefaultRange(IReadOnlyList<Tensor> sets) =>
            sets.Any(s => s.numel() > 0 && s.min().item<float>() < 0) ? (-1, 1) : (0, 1);

        static (long N, int H, int W) ImageShape(Tensor images, string name)
        {
            var s = images.shape;
            (long, int, int)? shape = images.dim() switch
            {
                4 when s[1] == 1 => (s[0], (int)s[2], (int)s[3]),
                3 => (s[0], (int)s[1], (int)s[2]),
                2 when IsSquare(s[1]) => (s[0], (int)System.Math.Sqrt(s[1]), (int)System.Math.Sqrt(s[1])),
                _ => null,
            };
            if (shape is not { } ok || ok.Item1 < 1)
                throw new ArgumentException(
                    $"{name} has shape [{string.Join(", ", s)}]; pass at least one grayscale image as [N, 1, H, W], [N, H, W] " +
                    "or [N, H·W] with square images (e.g. [N, 784]).", name);
            if (!images.is_floating_point())
                throw new ArgumentException($"{name} has dtype {images.dtype}; pass floating-point pixels in [0, 1] or [-1, 1].", name);
            return ok;
        }

        static bool IsSquare(long v) { long r = (long)System.Math.Round(System.Math.Sqrt(v)); return r * r == v && v > 0; }
    }
}
