using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// The critic of a semi-supervised GAN, which is also a K-class classifier: an MLP imageDim → h₁ → h₂ → K with ReLU
/// hidden layers, returning K class logits [N, K]; the (K+1)-th class, "generated", has its logit fixed at 0 (see
/// <see cref="SemiSupervisedLoss"/>). In training mode it adds Gaussian noise to its input and to each hidden layer
/// (the regulariser of Salimans et al.'s MNIST model, which has five wider hidden layers); in evaluation mode it is a
/// plain classifier. The same module, trained on the labelled images alone, is the baseline classifier.
/// </summary>
/// <remarks>Introduced in notebook 10.</remarks>
public sealed class SemiSupervisedCritic : nn.Module<Tensor, Tensor>
{
    readonly Linear hidden1, hidden2, toLogits;

    /// <summary>Builds the critic.</summary>
    /// <param name="classes">K, the number of real classes (10 for MNIST).</param>
    /// <param name="imageDim">Pixels of one flat image.</param>
    /// <param name="hidden1">Width of the first hidden layer.</param>
    /// <param name="hidden2">Width of the second hidden layer (the features that feature matching compares).</param>
    /// <param name="inputNoise">Standard deviation of the noise added to the pixels in training.</param>
    /// <param name="hiddenNoise">Standard deviation of the noise added to each hidden layer in training.</param>
    public SemiSupervisedCritic(int classes = 10, int imageDim = 784, int hidden1 = 256, int hidden2 = 128,
        double inputNoise = 0.3, double hiddenNoise = 0.5) : base(nameof(SemiSupervisedCritic))
    {
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, "classes (K) must be at least 2, e.g. 10 for MNIST.");
        Require.AtLeastOne(imageDim, nameof(imageDim));
        Require.AtLeastOne(hidden1, nameof(hidden1));
        Require.AtLeastOne(hidden2, nameof(hidden2));
        NoiseStd(inputNoise, nameof(inputNoise));
        NoiseStd(hiddenNoise, nameof(hiddenNoise));
        Classes = classes;
        ImageDim = imageDim;
        InputNoise = inputNoise;
        HiddenNoise = hiddenNoise;
        this.hidden1 = nn.Linear(imageDim, hidden1);
        this.hidden2 = nn.Linear(hidden1, hidden2);
        toLogits = nn.Linear(hidden2, classes);
        RegisterComponents();
    }

    /// <summary>K, the number of real classes (one logit each).</summary>
    public int Classes { get; }

    /// <summary>Pixels of one flat image.</summary>
    public int ImageDim { get; }

    /// <summary>Standard deviation of the input noise in training mode.</summary>
    public double InputNoise { get; }

    /// <summary>Standard deviation of the hidden-layer noise in training mode.</summary>
    public double HiddenNoise { get; }

    /// <summary>The K class logits [N, K] of flat images [N, imageDim] (or images [N, 1, h, w]).</summary>
    public override Tensor forward(Tensor images)
    {
        using var features = Features(images);
        using var noisy = Noisy(features, HiddenNoise);
        return toLogits.forward(noisy);
    }

    /// <summary>The last hidden layer's activations [N, h₂] (before its training noise): what feature matching compares.</summary>
    public Tensor Features(Tensor images)
    {
        using var flat = Require.Flat(images, ImageDim, nameof(SemiSupervisedCritic));
        using var x = Noisy(flat, InputNoise);
        using var a1 = hidden1.forward(x);
        using var h1 = nn.functional.relu(a1);
        using var n1 = Noisy(h1, HiddenNoise);
        using var a2 = hidden2.forward(n1);
        return nn.functional.relu(a2);
    }

    /// <summary>The predicted class (argmax of the logits) of each image, in evaluation mode, without gradients.</summary>
    public Tensor Predict(Tensor images)
    {
        bool wasTraining = training;
        eval();
        try
        {
            using var _ = no_grad();
            using var logits = forward(images);
            return logits.argmax(1);
        }
        finally
        {
            train(wasTraining);
        }
    }

    /// <summary>The share of <paramref name="images"/> whose predicted class equals <paramref name="labels"/>, in [0, 1].</summary>
    public double Accuracy(Tensor images, Tensor labels)
    {
        Require.NotNull(images, nameof(images));
        Require.NotNull(labels, nameof(labels));
        Require.Labels(labels, images.size(0), Classes, nameof(Accuracy));
        using var scope = NewDisposeScope();
        return Predict(images).eq(labels).to_type(ScalarType.Float64).mean().item<double>();
    }

    Tensor Noisy(Tensor x, double std)
    {
        if (!training || std == 0) return x.alias();
        using Scalar scale = std.ToScalar();   // held, not temporary (see Layers)
        using var noise = randn_like(x);
        return x + noise.mul_(scale);
    }

    static void NoiseStd(double value, string name)
    {
        if (!(value >= 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(name, value, $"{name} is a standard deviation: a finite number ≥ 0 (0 = no noise).");
    }
}
