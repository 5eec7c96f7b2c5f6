using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace GanCourse.Tests.Models;

/// <summary>The MLP GAN's options beyond the lecture's model: tanh output, dropout and instance noise in the critic.</summary>
public class MlpGanOptionsTests
{
    static Tensor Randn(params long[] shape)
    {
        using var g = new torch.Generator(7);
        return randn(shape, generator: g);
    }

    static float[] Values(Tensor t) => t.data<float>().ToArray();

    [Fact]
    public void A_tanh_generator_draws_pixels_in_minus_one_to_one_and_the_default_stays_the_lectures_sigmoid()
    {
        using var scope = NewDisposeScope();
        using var lecture = new MlpGenerator(zDim: 8);
        using var tanh = new MlpGenerator(zDim: 8, output: OutputActivation.Tanh);
        Assert.Equal(OutputActivation.Sigmoid, lecture.Output);
        Assert.Equal(OutputActivation.Tanh, tanh.Output);
        var y = lecture.forward(Randn(64, 8));
        Assert.True(y.min().item<float>() > 0 && y.max().item<float>() < 1);
        var x = tanh.forward(Randn(64, 8));
        Assert.True(x.min().item<float>() > -1 && x.max().item<float>() < 1);
        Assert.True(x.min().item<float>() < 0, "a tanh generator uses the negative half");
    }

    [Fact]
    public void SampleImages_maps_a_tanh_generator_to_zero_one_repeats_for_a_seed_and_restores_training_mode()
    {
        using var scope = NewDisposeScope();
        using var g = new MlpGenerator(zDim: 8, output: OutputActivation.Tanh);
        g.train();
        var a = g.SampleImages(50, seed: 3);
        Assert.True(g.training, "SampleImages must leave the module in the mode it found it in");
        Assert.Equal(new long[] { 50, 784 }, a.shape);
        Assert.True(a.min().item<float>() >= 0 && a.max().item<float>() <= 1);
        Assert.Equal(Values(a), Values(g.SampleImages(50, seed: 3)));
        Assert.NotEqual(Values(a), Values(g.SampleImages(50, seed: 4)));

        // The same noise through the eval-mode generator, mapped by (x + 1) / 2.
        using var rng = new torch.Generator(3);
        var z = Noise.Sample(50, 8, generator: rng);
        g.eval();
        var expected = (g.forward(z) + 1) / 2;
        Assert.True(a.allclose(expected, rtol: 1e-5, atol: 1e-6));
        Assert.Throws<ArgumentOutOfRangeException>(() => g.SampleImages(0, seed: 1));
    }

    [Fact]
    public void Dropout_and_input_noise_act_in_training_only_and_leave_the_weights_alone()
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(11);
        using var plain = new MlpDiscriminator(hidden: 16);
        torch.manual_seed(11);
        using var both = new MlpDiscriminator(hidden: 16, dropout: 0.5, inputNoise: 0.3);
        Assert.Equal(plain.parameters().Count(), both.parameters().Count());
        var x = Randn(32, 784);

        plain.train();
        both.train();
        Assert.Equal(Values(plain.forward(x)), Values(plain.forward(x)));   // the lecture's model is deterministic
        Assert.NotEqual(Values(both.forward(x)), Values(both.forward(x)));  // fresh masks and noise on every call

        both.eval();
        Assert.Equal(Values(plain.forward(x)), Values(both.forward(x)));    // evaluation: the same function as the lecture's
    }

    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(0.5, 0.0)]
    public void Each_option_alone_changes_the_training_output(double dropout, double inputNoise)
    {
        using var scope = NewDisposeScope();
        using var d = new MlpDiscriminator(hidden: 16, dropout: dropout, inputNoise: inputNoise);
        d.train();
        var x = Randn(32, 784);
        Assert.NotEqual(Values(d.forward(x)), Values(d.forward(x)));
    }

    [Fact]
    public void Bad_dropout_or_noise_is_refused_with_the_valid_range()
    {
        var high = Assert.Throws<ArgumentOutOfRangeException>(() => new MlpDiscriminator(dropout: 1.0));
        Assert.Contains("[0, 1)", high.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new MlpDiscriminator(dropout: -0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MlpDiscriminator(dropout: double.NaN));
        using var d = new MlpDiscriminator(hidden: 4);
        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => d.InputNoise = -0.1);
        Assert.Contains("≥ 0", negative.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => d.InputNoise = double.NaN);
        Assert.Throws<ArgumentOutOfRangeException>(() => d.InputNoise = double.PositiveInfinity);
        d.InputNoise = 0.05;
        Assert.Equal(0.05, d.InputNoise);
    }

    [Fact]
    public void SampleQuality_reports_the_largest_class_and_prints_the_final_samples_form()
    {
        var coverage = new ImageCoverage([200, 300, 100, 100, 100, 100, 100, 100, 95, 5], MinShare: 0.01, MeanConfidence: 0.9);
        var quality = new SampleQuality(coverage, new FrechetReport(74.249, 3.912, 1000));
        Assert.Equal(1, quality.LargestClass);
        Assert.Equal(0.25, quality.LargestShare, 12);
        Assert.Equal(1200, quality.Samples);
        Assert.Equal("9/10 classes covered, largest class 25.0 %, Frechet distance 74.2 (floor 3.9)", quality.ToString());
    }
}
