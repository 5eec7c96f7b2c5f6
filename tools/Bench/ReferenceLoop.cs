using TorchSharp;
using static TorchSharp.torch;

namespace GanCourse.Bench;

/// <summary>
/// The lecture's training loop written the straightforward TorchSharp way (the assignment's code, line for line),
/// for any generator and discriminator (the lecture's MLPs, or the DCGAN of notebook 08):
/// new label tensors with ones_like/zeros_like every step, the fakes generated with gradients and detached,
/// D's loss backpropagated with retain_graph, a fresh noise batch for G, and the losses read with .item() every
/// step. It runs inside a dispose scope per step (without one, memory grows). The benchmark's baseline.
/// </summary>
sealed class ReferenceLoop : IDisposable
{
    readonly nn.Module<Tensor, Tensor> gen, disc;
    readonly optim.Optimizer genOpt, discOpt;
    readonly Tensor data;
    readonly int batch, zDim;
    long cursor;

    public ReferenceLoop(nn.Module<Tensor, Tensor> gen, nn.Module<Tensor, Tensor> disc, Tensor data, GanTrainerOptions options)
    {
        (this.gen, this.disc, this.data, batch, zDim) = (gen, disc, data, options.BatchSize, options.ZDim);
        genOpt = optim.Adam(gen.parameters(), options.GeneratorLearningRate, options.Beta1, options.Beta2);
        discOpt = optim.Adam(disc.parameters(), options.DiscriminatorLearningRate, options.Beta1, options.Beta2);
    }

    public double MeanDiscriminatorLoss { get; private set; }

    public void Run(int steps)
    {
        for (int s = 0; s < steps; s++)
        {
            using var scope = NewDisposeScope();
            if (cursor + batch > data.size(0)) cursor = 0;
            var real = data.narrow(0, cursor, batch);
            cursor += batch;

            discOpt.zero_grad();
            var fakeNoise = randn(batch, zDim);
            var fake = gen.forward(fakeNoise);
            var discFakePred = disc.forward(fake.detach());
            var discFakeLoss = nn.functional.binary_cross_entropy_with_logits(discFakePred, zeros_like(discFakePred));
            var discRealPred = disc.forward(real);
            var discRealLoss = nn.functional.binary_cross_entropy_with_logits(discRealPred, ones_like(discRealPred));
            var discLoss = (discFakeLoss + discRealLoss) / 2;
            discLoss.backward(retain_graph: true);
            discOpt.step();

            genOpt.zero_grad();
            var genNoise = randn(batch, zDim);
            var genFake = gen.forward(genNoise);
            var genPred = disc.forward(genFake);
            var genLoss = nn.functional.binary_cross_entropy_with_logits(genPred, ones_like(genPred));
            genLoss.backward();
            genOpt.step();

            MeanDiscriminatorLoss += discLoss.item<float>() / steps;
            _ = genLoss.item<float>();
        }
    }

    public void Dispose()
    {
        genOpt.Dispose();
        discOpt.Dispose();
        gen.Dispose();
        disc.Dispose();
    }
}
