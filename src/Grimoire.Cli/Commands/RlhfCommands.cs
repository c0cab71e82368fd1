using System.CommandLine;
using System.Globalization;
using Grimoire.Rlhf;
using Grimoire.Rlhf.Ppo;
using Grimoire.Rlhf.RewardModels;

namespace Grimoire.Cli.Commands;

/// <summary>`grimoire rlhf reward | ppo`: RLHF (book §35.2) from the command line. The JSON shapes of --json are a
/// contract; with --json progress goes to standard error.</summary>
internal static class RlhfCommands
{
    public static Command Create(TextWriter output, TextWriter progress) =>
        new("rlhf", "RLHF (book §35.2): fit a reward model to preference pairs, fine-tune a language model against it with PPO, or with DPO on the pairs")
        {
            Reward(output, progress), Ppo(output, progress), Dpo(output, progress),
        };

    private static Command Reward(TextWriter output, TextWriter progress)
    {
        var data = new Option<string>("--data") { Description = "A JSON-lines pairs file ({\"prompt\",\"chosen\",\"rejected\"}), or 'generated'", Required = true };
        var corpus = new Option<string>("--corpus") { Description = "Prompts (and pretraining) text: shakespeare, names or a UTF-8 file", DefaultValueFactory = _ => "shakespeare" };
        var policy = new Option<string?>("--policy") { Description = "A language model saved by `grimoire lm train --out` (default: pretrain a small LSTM)" };
        var pairs = new Option<int>("--pairs") { Description = "Pairs to generate", DefaultValueFactory = _ => 640 };
        var noise = new Option<double>("--noise") { Description = "Probability that the stand-in labeller flips a judgement, in [0, 0.5]", DefaultValueFactory = _ => 0 };
        var steps = new Option<int>("--steps") { Description = "Optimizer steps", DefaultValueFactory = _ => 300 };
        var seed = new Option<int>("--seed") { Description = "Seed of pretraining, sampling, labelling and fitting", DefaultValueFactory = _ => 0 };
        var outFile = new Option<string>("--out") { Description = "Save the reward model here", Required = true };
        var pairsOut = new Option<string?>("--pairs-out") { Description = "Write the pairs used here (JSON lines)" };
        var json = new Option<bool>("--json") { Description = "Print only one final JSON object (progress goes to standard error)" };
        var command = new Command("reward", "Fit a reward model (LM + scalar head, Bradley-Terry loss); report held-out pairwise accuracy")
        {
            data, corpus, policy, pairs, noise, steps, seed, outFile, pairsOut, json,
        };
        command.SetAction(parse =>
        {
            var s = Seed(parse.GetValue(seed));
            var count = parse.GetValue(pairs);
            if (count < 2) throw new ArgumentException($"--pairs must be at least 2, got {count}");
            var request = new RewardRequest(parse.GetValue(data)!, parse.GetValue(corpus)!)
            {
                PolicyPath = parse.GetValue(policy), Pairs = count, Noise = parse.GetValue(noise), OutPath = parse.GetValue(outFile),
                PairsOutPath = parse.GetValue(pairsOut), Training = new RewardTrainSettings(Steps: parse.GetValue(steps), Seed: s),
            };
            var asJson = parse.GetValue(json);
            var (model, r) = request.Run(asJson ? progress : output);
            model.Dispose();
            output.WriteLine(asJson
                ? JsonText.Object(w =>
                {
                    w.WriteNumber("pairs", r.Pairs);
                    w.WriteNumber("accuracy", Math.Round(r.Accuracy, 6));
                    w.WriteNumber("seconds", Math.Round(r.Seconds, 3));
                })
                : string.Create(CultureInfo.InvariantCulture, $"reward model: {r.Pairs} pairs, held-out accuracy {r.Accuracy:F3} over {r.HeldOutPairs} pairs, {r.Seconds:F1} s"));
            return 0;
        });
        return command;
    }

    private static Command Ppo(TextWriter output, TextWriter progress)
    {
        var policy = new Option<string?>("--policy") { Description = "The language model to fine-tune, saved by `grimoire lm train --out` (default: pretrain a small LSTM)" };
        var reward = new Option<string>("--reward") { Description = "A reward model saved by `grimoire rlhf reward --out`", Required = true };
        var corpus = new Option<string>("--corpus") { Description = "Prompts text: shakespeare, names or a UTF-8 file", DefaultValueFactory = _ => "shakespeare" };
        var iterations = new Option<int>("--iterations") { Description = "PPO rounds", DefaultValueFactory = _ => new RlhfPpoSettings().Iterations };
        var klTarget = new Option<double>("--kl-target") { Description = "Mean KL per sequence to the reference (nats) the adaptive controller aims at", DefaultValueFactory = _ => new RlhfPpoSettings().KlTarget };
        var beta = new Option<double>("--kl-coef") { Description = "The KL coefficient beta at the start", DefaultValueFactory = _ => new RlhfPpoSettings().InitialBeta };
        var horizon = new Option<double>("--kl-horizon") { Description = "Sequences over which the controller may move beta by about e^0.2", DefaultValueFactory = _ => new RlhfPpoSettings().KlHorizon };
        var lr = new Option<double>("--lr") { Description = "Adam's rate for policy and value", DefaultValueFactory = _ => new RlhfPpoSettings().LearningRate };
        var seed = new Option<int>("--seed") { Description = "Seed of prompts, sampling and mini-batches", DefaultValueFactory = _ => 0 };
        var outFile = new Option<string?>("--out") { Description = "Save the fine-tuned policy here (a language-model checkpoint for `grimoire lm generate`)" };
        var log = new Option<string?>("--log") { Description = "Write every round's reward, KL and beta and the before/after samples here (JSON)" };
        var json = new Option<bool>("--json") { Description = "Print only one final JSON object (progress goes to standard error)" };
        var command = new Command("ppo", "PPO fine-tuning with a KL penalty to the frozen pretrained model; report reward, KL and oracle score before and after")
        {
            policy, reward, corpus, iterations, klTarget, beta, horizon, lr, seed, outFile, log, json,
        };
        command.SetAction(parse =>
        {
            var settings = new RlhfPpoSettings(Iterations: parse.GetValue(iterations), KlTarget: parse.GetValue(klTarget), Seed: Seed(parse.GetValue(seed)))
            {
                InitialBeta = parse.GetValue(beta), KlHorizon = parse.GetValue(horizon), LearningRate = parse.GetValue(lr),
            }.Validate();
            var request = new PpoRequest(parse.GetValue(reward)!, parse.GetValue(corpus)!) { PolicyPath = parse.GetValue(policy), Settings = settings, OutPath = parse.GetValue(outFile) };
            var asJson = parse.GetValue(json);
            var r = request.Run(asJson ? progress : output);
            if (parse.GetValue(log) is { } logPath) PpoReportFile.Write(logPath, r, settings.KlTarget);
            Print(output, asJson, "iterations", r.History.Count, r, $"ppo: {r.History.Count} rounds, KL target {settings.KlTarget}");
            return 0;
        });
        return command;
    }

    private static Command Dpo(TextWriter output, TextWriter progress)
    {
        var data = new Option<string>("--data") { Description = "A JSON-lines pairs file, or 'generated' (as `rlhf reward`, noise 0)", Required = true };
        var policy = new Option<string?>("--policy") { Description = "The language model to fine-tune (default: pretrain a small LSTM)" };
        var reward = new Option<string>("--reward") { Description = "A reward model (`rlhf reward --out`) to score the before/after samples with", Required = true };
        var corpus = new Option<string>("--corpus") { Description = "Prompts text: shakespeare, names or a UTF-8 file", DefaultValueFactory = _ => "shakespeare" };
        var steps = new Option<int>("--steps") { Description = "Adam steps of 32 pairs", DefaultValueFactory = _ => 300 };
        var beta = new Option<double>("--beta") { Description = "DPO's beta (strength of the implicit KL leash)", DefaultValueFactory = _ => 0.1 };
        var seed = new Option<int>("--seed") { Description = "Seed of pretraining, pairs, batches and evaluation", DefaultValueFactory = _ => 0 };
        var outFile = new Option<string?>("--out") { Description = "Save the fine-tuned policy here" };
        var log = new Option<string?>("--log") { Description = "Write the before/after samples here (JSON)" };
        var json = new Option<bool>("--json") { Description = "Print only one final JSON object (progress goes to standard error)" };
        var command = new Command("dpo", "Direct preference optimisation on preference pairs; report reward, KL and oracle score before and after")
        {
            data, policy, reward, corpus, steps, beta, seed, outFile, log, json,
        };
        command.SetAction(parse =>
        {
            var request = new DpoRequest(parse.GetValue(data)!, parse.GetValue(reward)!, parse.GetValue(corpus)!)
            {
                PolicyPath = parse.GetValue(policy), Steps = parse.GetValue(steps), Beta = parse.GetValue(beta), Seed = Seed(parse.GetValue(seed)), OutPath = parse.GetValue(outFile),
            };
            var asJson = parse.GetValue(json);
            var r = request.Run(asJson ? progress : output);
            if (parse.GetValue(log) is { } logPath) PpoReportFile.Write(logPath, r, klTarget: 0);
            Print(output, asJson, "steps", request.Steps, r, $"dpo: {request.Steps} steps");
            return 0;
        });
        return command;
    }

    /// <summary>The before/after comparison PPO and DPO both print.</summary>
    private static void Print(TextWriter output, bool asJson, string countName, int count, PpoReport r, string summary)
    {
        var (rewardBefore, rewardAfter, kl) = (r.Before.Rewards.Average(), r.After.Rewards.Average(), r.After.Kl.Average());
        var (oracleBefore, oracleAfter) = (r.Before.Oracle.Average(), r.After.Oracle.Average());
        output.WriteLine(asJson
            ? JsonText.Object(w =>
            {
                w.WriteNumber(countName, count);
                w.WriteNumber("reward_before", Math.Round(rewardBefore, 6));
                w.WriteNumber("reward_after", Math.Round(rewardAfter, 6));
                w.WriteNumber("kl", Math.Round(kl, 6));
                w.WriteNumber("oracle_before", Math.Round(oracleBefore, 6));
                w.WriteNumber("oracle_after", Math.Round(oracleAfter, 6));
                w.WriteNumber("seconds", Math.Round(r.Seconds, 3));
            })
            : string.Create(CultureInfo.InvariantCulture,
                $"{summary} in {r.Seconds:F1} s; reward {rewardBefore:F3} -> {rewardAfter:F3}, oracle {oracleBefore:F3} -> {oracleAfter:F3}, KL {kl:F2} nats"));
    }

    private static ulong Seed(int seed) => seed >= 0 ? (ulong)seed : throw new ArgumentException($"--seed must be >= 0, got {seed}");
}
