using static TorchSharp.torch;

namespace GanCourse;

/// <summary>The exercise checks of notebook 08 (a DCGAN on Fashion-MNIST).</summary>
/// <remarks>Introduced in notebook 08.</remarks>
public static class Checks08
{
    /// <summary>Exercise 1: the output side of a transposed convolution (kernel 5, stride 3, padding 2) on a 7×7 map, measured with torch.</summary>
    public static CheckResult Exercise1(double answer)
    {
        long side;
        using (var scope = NewDisposeScope())
        using (var deconv = nn.ConvTranspose2d(1, 1, kernel_size: 5, stride: 3, padding: 2))
        using (no_grad())
            side = deconv.forward(zeros(1, 1, 7, 7)).shape[2];
        return Exercise.CompareCount("Exercise 1", answer, side,
            "a transposed convolution runs a convolution backwards: n_out = (n − 1)·s − 2p + k (it is not simply n·s).");
    }

    /// <summary>Exercise 2: the parameter count of the DCGAN generator's first layer, read from <paramref name="generator"/>.</summary>
    public static CheckResult Exercise2(double answer, DcganGenerator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        long count = generator.named_parameters().Single(p => p.name == "project.deconv.weight").parameter.numel();
        return Exercise.CompareCount("Exercise 2", answer, count,
            "c_in · c_out · k² weights: 64 input channels (z), 4·features output channels, a k × k kernel (k squared), and no bias.");
    }

    /// <summary>Exercise 3: <paramref name="map"/> must take tanh outputs in [−1, 1] to the classifier's [0, 1], checked at −1, −½, 0 and 1.</summary>
    public static CheckResult Exercise3(Func<Tensor, Tensor>? map)
    {
        if (map is null) return Exercise.Unanswered("Exercise 3", "answer3 is null");
        double[] mapped;
        using (var scope = NewDisposeScope())
        {
            var pixels = tensor(new float[] { -1f, -0.5f, 0f, 1f });
            var result = map(pixels);
            if (!result.shape.SequenceEqual(pixels.shape))
                return Exercise.Verdict("Exercise 3", false, $"your map turns 4 pixels (shape [4]) into shape [{string.Join(", ", result.shape)}]; it must map each pixel to one pixel.",
                    "apply the same arithmetic to every pixel: (a tensor op) x => ...");
            mapped = result.to_type(ScalarType.Float64).data<double>().ToArray();
        }
        return Exercise.Compare("Exercise 3", mapped, [0.0, 0.25, 0.5, 1.0], Tolerance.Absolute(1e-6),
            "a straight line through (−1, 0) and (1, 1): shift, then scale (clipping would throw half the range away).",
            ["map(−1)", "map(−½)", "map(0)", "map(1)"]);
    }
}
