using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// Stops training at the first NaN or infinity among the recorded values or in either model's weights, with a
/// <see cref="TrainingDivergedException"/> that names the step, the quantity and the last good checkpoint.
/// </summary>
sealed class DivergenceGuard : ITrainingObserver
{
    public void Recorded(GanTrainer trainer, int firstStep)
    {
        var series = trainer.History.Series();
        for (int step = firstStep; step <= trainer.History.Count; step++)
            for (int q = 0; q < series.Length; q++)
                if (!float.IsFinite(series[q][step - 1]))
                    throw Diverged(trainer, step, TrainingHistory.Quantities[q], series[q][step - 1]);
        CheckWeights(trainer, trainer.GeneratorModule, "generator");
        CheckWeights(trainer, trainer.DiscriminatorModule, "discriminator");
    }

    static void CheckWeights(GanTrainer trainer, nn.Module model, string player)
    {
        using var scope = NewDisposeScope();
        foreach (var (name, p) in model.named_parameters())
            if (!p.isfinite().all().item<bool>())
                throw Diverged(trainer, trainer.Step, $"{player} weight {name}", p.isnan().any().item<bool>() ? float.NaN : float.PositiveInfinity);
    }

    static TrainingDivergedException Diverged(GanTrainer trainer, int step, string quantity, float value)
    {
        string what = float.IsNaN(value) ? "NaN" : "infinite";
        var options = trainer.Options;
        var last = trainer.LastCheckpoint;
        int every = options.CheckpointEvery, firstCheckpoint = Math.Max(1, (step + every - 1) / Math.Max(1, every)) * every;
        string where = last is not null
            ? $"The last good checkpoint is {last.Value.Path} (step {last.Value.Step}); " +
              "continue from it with a new trainer's Resume(path), e.g. with a lower learning rate."
            : every > 0
                ? "No checkpoint had been written yet (" +
                  (step < firstCheckpoint ? $"step {step} < first checkpoint at step {firstCheckpoint}" : $"the first was due at step {firstCheckpoint}") +
                  $", CheckpointEvery = {every}); a smaller CheckpointEvery keeps an earlier one."
                : "No checkpoint had been written; set GanTrainerOptions.CheckpointPath and CheckpointEvery to keep one.";
        return new TrainingDivergedException(
            $"Training diverged at step {step} (epoch {trainer.Epoch}): the {quantity} became {what}. {where} " +
            "Usual causes: a learning rate too high, or a loss that takes the log of 0 (use logits with BCE-with-logits).",
            step, quantity, last?.Path, last?.Step);
    }
}
