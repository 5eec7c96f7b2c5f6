using TorchSharp;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>The exercise checks of notebook 10 (semi-supervised learning and other uses of a GAN).</summary>
/// <remarks>Introduced in notebook 10.</remarks>
public static class Checks10
{
    // A critic with K = 3 classes scoring 4 unlabelled real images and 4 generated ones (logits per class).
    static readonly float[,] RealLogits = { { 2.0f, -1.0f, 0.5f }, { -0.3f, 1.2f, 0.1f }, { 0.8f, 0.7f, -2.0f }, { -1.5f, -0.4f, 0.9f } };
    static readonly float[,] FakeLogits = { { -2.2f, -0.6f, -1.1f }, { 0.4f, -1.7f, -0.2f }, { -0.9f, -3.0f, 0.3f }, { 1.1f, -0.8f, -2.4f } };
    const float Confident = 200f;

    /// <summary>
    /// Exercise 1: the critic's unsupervised loss from its K class logits, ½ E softplus(−logsumexp l(x)) +
    /// ½ E softplus(logsumexp l(G(z))) (Salimans et al. 2016, §5, with the generated class's logit fixed at 0): one
    /// differentiable number, right on known logits, with the right gradient, finite for confident logits. A wrong value
    /// is matched against the usual mistakes (max or sum instead of logsumexp, halves swapped or added, a half missing).
    /// </summary>
    public static CheckResult Exercise1(Func<Tensor, Tensor, Tensor>? loss)
    {
        const string name = "Exercise 1";
        if (loss is null) return Exercise.Unanswered(name, "the function is null");
        using var scope = NewDisposeScope();
        var real = tensor(RealLogits, requires_grad: true);
        var fake = tensor(FakeLogits, requires_grad: true);
        if (Evaluate("loss", () => loss(real, fake), out var value) is { } failed) return Exercise.Verdict(name, false, failed);
        double expected = Reference(RealLogits, FakeLogits), actual = value.ToDouble();
        if (!Close(actual, expected))
            return Exercise.Verdict(name, false, $"on known logits (4 real and 4 generated images, K = 3) your loss is {Exercise.Show(actual)}: " +
                (Mistakes().FirstOrDefault(m => Close(actual, m.Value)).Mistake ??
                 "it is not ½·(mean −log D(x) over real images) + ½·(mean −log(1 − D(G(z))) over generated ones) with D = σ(logsumexp of the logits)."),
                "D(x) = Z/(Z + 1) with Z = Σ exp l_k, so log D(x) = −softplus(−logsumexp l) and log(1 − D) = −softplus(logsumexp l).");
        value.backward();
        if (real.grad is null || fake.grad is null)
            return Exercise.Verdict(name, false, "backward() gives the real or the generated logits no gradient: part of the loss is cut off from them.");
        if (!Close(real.grad, ReferenceGradient(RealLogits, real: true)) || !Close(fake.grad, ReferenceGradient(FakeLogits, real: false)))
            return Exercise.Verdict(name, false, "the loss has the right value but the wrong gradient: is part of it computed outside the graph " +
                                                 "(a number from .item() turned back into a tensor)?");
        var sureReal = full(4, 3, -Confident, requires_grad: true);   // the critic calls real images fake with certainty
        var sureFake = full(4, 3, Confident, requires_grad: true);   // ... and generated images real
        if (Evaluate("loss on confident logits", () => loss(sureReal, sureFake), out var confident) is { } failed2)
            return Exercise.Verdict(name, false, failed2);
        double confidentExpected = Reference(Fill(-Confident), Fill(Confident));
        if (!Close(confident.ToDouble(), confidentExpected))
            return Exercise.Verdict(name, false, $"for a critic that is sure and wrong (logits ±{Confident}) your loss is " +
                $"{Exercise.Show(confident.ToDouble())}, not the cross-entropy's large but finite value: σ of such numbers rounds to exactly 0 " +
                "or 1 in float32, so its log is infinite or clamped.", "stay on the log scale: logsumexp, then softplus.");
        return Exercise.Verdict(name, true, "one number, right on known logits (also confident ones), with the right gradient.");
    }

    /// <summary>
    /// Exercise 2: the inpainting fit, the mean squared difference between G(z) and the damaged image over the visible
    /// pixels only, one number per image (shape [N]); checked on known images with a shared mask [P] and a per-image
    /// mask [N, P], for its gradient (none may reach a hidden pixel) and against the usual mistakes (mask ignored or
    /// inverted, divided by all pixels, summed instead of averaged, one number for the whole batch).
    /// </summary>
    public static CheckResult Exercise2(Func<Tensor, Tensor, Tensor, Tensor>? error)
    {
        const string name = "Exercise 2";
        if (error is null) return Exercise.Unanswered(name, "the function is null");
        using var scope = NewDisposeScope();
        float[,] g = { { 0.9f, -0.2f, 0.4f, -1.0f, 0.3f, 0.6f }, { -0.5f, 0.8f, -0.9f, 0.2f, 0.7f, -0.1f }, { 0.1f, 0.0f, -0.6f, 0.5f, -0.8f, 0.9f } };
        float[,] t = { { 1.0f, -0.6f, 0.1f, 0.7f, -0.9f, 0.2f }, { -1.0f, 0.9f, -0.4f, -0.7f, 0.1f, 0.5f }, { 0.6f, -0.3f, -1.0f, 0.8f, 0.4f, -0.2f } };
        float[] shared = [1, 1, 0, 1, 0, 0];
        float[,] perImage = { { 1, 0, 1, 1, 0, 1 }, { 0, 1, 1, 0, 0, 0 }, { 1, 1, 1, 1, 1, 0 } };
        foreach (var (maskName, mask, masks) in new[] { ("a mask shared by all images [P]", tensor(shared), Repeat(shared, 3)), ("one mask per image [N, P]", tensor(perImage), perImage) })
        {
            var generated = tensor(g, requires_grad: true);
            if (BuildCheck.Run("error", () => error(generated, tensor(t), mask), out var value) is { } failed)
                return Exercise.Verdict(name, false, failed.Message);
            if (value.ndim != 1 || value.size(0) != 3)
                return Exercise.Verdict(name, false, $"for 3 images your function returns shape {BuildCheck.Shape(value)}: return one error per image, shape [3] " +
                                                     "(Fill optimises every image's z on its own).", "average over the pixel dimension only (dim 1).");
            double[] actual = value.to_type(ScalarType.Float64).data<double>().ToArray();
            double[] expected = Expected(g, t, masks, (sum, visible, pixels) => sum / visible);
            if (!actual.Zip(expected).All(p => Close(p.First, p.Second)))
            {
                string? mistake = WrongVariants(g, t, masks).FirstOrDefault(w => actual.Zip(w.Values).All(p => Close(p.First, p.Second))).Mistake;
                return Exercise.Verdict(name, false, $"with {maskName} your errors are [{string.Join(", ", actual.Select(Exercise.Show))}]: " +
                    (mistake ?? "they are not the mean squared difference over each image's visible pixels."),
                    "square the difference, multiply by the mask, sum over pixels, divide by the number of visible pixels.");
            }
            if (!value.requires_grad)
                return Exercise.Verdict(name, false, "the error is cut off from G(z) (a .detach(), .item() or no_grad()?), so z could not be optimised through it.");
            value.sum().backward();
            if (generated.grad is null || !generated.grad.mul(1 - mask).abs().max().ToDouble().Equals(0.0))
                return Exercise.Verdict(name, false, "a hidden pixel of G(z) gets a gradient: hidden pixels must not influence the fit.");
        }
        return Exercise.Verdict(name, true, "one error per image, over the visible pixels only, for shared and per-image masks, with no gradient on hidden pixels.");
    }

    static string? Evaluate(string what, Func<Tensor> call, out Tensor value)
    {
        if (BuildCheck.Run(what, call, out value) is { } failed) return failed.Message;
        if (value.numel() != 1)
            return $"{what} returns a tensor of shape {BuildCheck.Shape(value)}: a loss is one number, averaged over the batch.";
        if (!value.requires_grad)
            return $"{what} is cut off from the logits (a .item(), detach() or no_grad() on the way?), so backward() could not train the critic.";
        if (!double.IsFinite(value.ToDouble()))
            return $"{what} is {value.ToDouble()}: look for a log of 0 (compute on the log scale: logsumexp, softplus).";
        return null;
    }

    static IEnumerable<(string Mistake, double Value)> Mistakes()
    {
        double realHalf = Rows(RealLogits).Average(l => Softplus(-Lse(l))), fakeHalf = Rows(FakeLogits).Average(l => Softplus(Lse(l)));
        yield return ("that is the sum of the two halves: average them (a factor ½ on each).", realHalf + fakeHalf);
        yield return ("the real and the generated images swapped roles: real images should get a high D, generated ones a low D.",
                      Reference(FakeLogits, RealLogits));
        yield return ("only the real images count in it: add the generated half.", 0.5 * realHalf);
        yield return ("only the real images count in it: add the generated half.", realHalf);
        yield return ("only the generated images count in it: add the real half.", 0.5 * fakeHalf);
        yield return ("only the generated images count in it: add the real half.", fakeHalf);
        yield return ("it uses the largest logit where Z = Σ exp l_k needs all of them: use logsumexp.",
                      0.5 * Rows(RealLogits).Average(l => Softplus(-l.Max())) + 0.5 * Rows(FakeLogits).Average(l => Softplus(l.Max())));
        yield return ("it adds the logits where Z = Σ exp l_k adds their exponentials: use logsumexp.",
                      0.5 * Rows(RealLogits).Average(l => Softplus(-l.Sum())) + 0.5 * Rows(FakeLogits).Average(l => Softplus(l.Sum())));
        yield return ("that is the negative of the loss: the critic minimises −log D(x) − log(1 − D(G(z))).", -Reference(RealLogits, FakeLogits));
    }

    static IEnumerable<(string Mistake, double[] Values)> WrongVariants(float[,] g, float[,] t, float[,] masks)
    {
        var everyPixel = new float[masks.GetLength(0), masks.GetLength(1)];
        for (int i = 0; i < everyPixel.GetLength(0); i++) for (int j = 0; j < everyPixel.GetLength(1); j++) everyPixel[i, j] = 1;
        var inverted = new float[masks.GetLength(0), masks.GetLength(1)];
        for (int i = 0; i < inverted.GetLength(0); i++) for (int j = 0; j < inverted.GetLength(1); j++) inverted[i, j] = 1 - masks[i, j];
        yield return ("they count every pixel: the hidden ones are unknown and must not count.", Expected(g, t, everyPixel, (s, v, p) => s / v));
        yield return ("they count the hidden pixels instead of the visible ones: the mask is 1 where a pixel is visible.",
                      Expected(g, t, inverted, (s, v, p) => s / v));
        yield return ("they divide by all pixels, not by the visible ones: average over the visible pixels.", Expected(g, t, masks, (s, v, p) => s / p));
        yield return ("they are sums over the visible pixels: divide by how many are visible.", Expected(g, t, masks, (s, v, p) => s));
    }

    static double[] Expected(float[,] g, float[,] t, float[,] masks, Func<double, double, double, double> finish)
    {
        int n = g.GetLength(0), p = g.GetLength(1);
        return Enumerable.Range(0, n).Select(i =>
        {
            double sum = 0, visible = 0;
            for (int j = 0; j < p; j++) { sum += masks[i, j] * (g[i, j] - t[i, j]) * (g[i, j] - t[i, j]); visible += masks[i, j]; }
            return finish(sum, visible, p);
        }).ToArray();
    }

    static float[,] Repeat(float[] row, int n)
    {
        var rows = new float[n, row.Length];
        for (int i = 0; i < n; i++) for (int j = 0; j < row.Length; j++) rows[i, j] = row[j];
        return rows;
    }

    static float[,] Fill(float value)
    {
        var logits = new float[4, 3];
        for (int i = 0; i < 4; i++) for (int j = 0; j < 3; j++) logits[i, j] = value;
        return logits;
    }

    static double Reference(float[,] real, float[,] fake) =>
        0.5 * Rows(real).Average(l => Softplus(-Lse(l))) + 0.5 * Rows(fake).Average(l => Softplus(Lse(l)));

    // d/dl_ik of ½·mean_i softplus(∓lse_i) = ½·(1/N)·(∓σ(∓lse_i))·softmax_ik.
    static double[] ReferenceGradient(float[,] logits, bool real) => Rows(logits).SelectMany(l =>
    {
        double lse = Lse(l), sign = real ? -1 : 1, n = logits.GetLength(0);
        double outer = 0.5 / n * sign * Sigmoid(sign * lse);
        return l.Select(x => outer * Math.Exp(x - lse));
    }).ToArray();

    static IEnumerable<double[]> Rows(float[,] m) =>
        Enumerable.Range(0, m.GetLength(0)).Select(i => Enumerable.Range(0, m.GetLength(1)).Select(j => (double)m[i, j]).ToArray());

    static double Lse(double[] l)
    {
        double max = l.Max();
        return max + Math.Log(l.Sum(x => Math.Exp(x - max)));
    }

    static double Softplus(double x) => Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x)));

    static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    static bool Close(double actual, double expected) => Math.Abs(actual - expected) <= 1e-4 * Math.Max(1, Math.Abs(expected));

    static bool Close(Tensor actual, double[] expected) =>
        actual.to_type(ScalarType.Float64).data<double>().ToArray().Zip(expected).All(p => Math.Abs(p.First - p.Second) <= 1e-6 + 1e-4 * Math.Abs(p.Second));
}
