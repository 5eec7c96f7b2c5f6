using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace GanCourse.Tests.Losses;

public class SemiSupervisedLossTests
{
    static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    [Fact]
    public void RealProbabilityIsTheKPlusOneSoftmaxWithTheGeneratedLogitAtZero()
    {
        using var scope = NewDisposeScope();
        double[] l = [1.5, -0.3, 0.2];
        double z = l.Sum(Math.Exp);
        // p(generated | x) = e^0 / (Z + 1), so D(x) = 1 − p(generated | x) = Z / (Z + 1).
        double d = SemiSupervisedLoss.RealProbability(tensor(l, [1, 3])).item<double>();
        Assert.Equal(z / (z + 1), d, 12);
    }

    [Fact]
    public void UnsupervisedLossIsTheGanCriticLossOfD()
    {
        using var scope = NewDisposeScope();
        double[] real = [2.0, -1.0, 0.5, -0.3, 1.2, 0.1], fake = [-2.2, -0.6, -1.1, 0.4, -1.7, -0.2];
        double D(double[] v, int row) { double z = Math.Exp(v[3 * row]) + Math.Exp(v[3 * row + 1]) + Math.Exp(v[3 * row + 2]); return z / (z + 1); }
        double expected = -0.5 * (Math.Log(D(real, 0)) + Math.Log(D(real, 1))) / 2 - 0.5 * (Math.Log(1 - D(fake, 0)) + Math.Log(1 - D(fake, 1))) / 2;
        Assert.Equal(expected, SemiSupervisedLoss.Unsupervised(tensor(real, [2, 3]), tensor(fake, [2, 3])).item<double>(), 10);
        // stable for a critic that is certain and wrong
        Assert.Equal(200, SemiSupervisedLoss.Unsupervised(full(2, 2, -200f), full(2, 2, 200f)).item<float>(), 3);
    }

    [Fact]
    public void SupervisedLossIsTheCrossEntropyOverTheRealClasses()
    {
        using var scope = NewDisposeScope();
        double[] l = [1.0, 2.0, 0.5];
        double expected = -(2.0 - Math.Log(l.Sum(Math.Exp)));
        Assert.Equal(expected, SemiSupervisedLoss.Supervised(tensor(l, [1, 3]), tensor(new long[] { 1 })).item<double>(), 10);
    }

    [Fact]
    public void FeatureMatchingComparesTheMeanFeatures()
    {
        using var scope = NewDisposeScope();
        var real = tensor(new float[,] { { 1, 0 }, { 3, 2 } });     // mean (2, 1)
        var fake = tensor(new float[,] { { 0, 1 }, { 0, 1 }, { 3, 1 } });   // mean (1, 1)
        Assert.Equal(0.5, SemiSupervisedLoss.FeatureMatching(real, fake).item<float>(), 6);
    }

    [Fact]
    public void BadInputsAreRejectedWithAClearMessage()
    {
        using var scope = NewDisposeScope();
        var e = Assert.Throws<ArgumentException>(() => SemiSupervisedLoss.Unsupervised(zeros(4, 3), zeros(4)));
        Assert.Contains("[N, K]", e.Message);
        Assert.Throws<ArgumentException>(() => SemiSupervisedLoss.Unsupervised(zeros(4, 3), zeros(4, 2)));
        Assert.Throws<ArgumentException>(() => SemiSupervisedLoss.Supervised(zeros(4, 3), zeros(4)));   // float labels
        Assert.Throws<ArgumentException>(() => SemiSupervisedLoss.FeatureMatching(zeros(4, 3), zeros(4, 2)));
    }
}
