using System.CommandLine;
using System.Globalization;
using Grimoire.Cpu;
using Grimoire.Imaging;
using Grimoire.Ml;
using Grimoire.Ml.Models;
using Grimoire.Rl.Agents;
using Grimoire.Rl.Catalogue;

namespace Grimoire.Cli.Commands;

/// <summary>`grimoire rl envs | algos | train | eval`: the reinforcement-learning library (book part 4) from the
/// command line. The JSON shapes are a contract scripts rely on (README); with --json progress goes to standard error.</summary>
internal static class RlCommands
{
    /// <summary>Evaluation episodes are seeded from here on, apart from any training seed.</summary>
    private const ulong EvaluationSeedBase = 1_000_000;

    public static Command Create(TextWriter output, TextWriter progress) =>
        new("rl", "Reinforcement learning (book part 4): environments, algorithms, training and evaluation")
        {
            Environments(output), Algorithms(output), Train(output, progress), Evaluate(output),
        };

    private static Command Environments(TextWriter output)
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var command = new Command("envs", "List the environments: name, book section, spaces, time limit") { json };
        command.SetAction(parse =>
        {
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonText.Object(w =>
                {
                    w.WriteStartArray("envs");
                    foreach (var e in RlCatalogue.Environments)
                    {
                        w.WriteStartObject();
                        w.WriteString("env", e.Name);
                        w.WriteString("section", e.BookSection);
                        w.WriteString("observations", e.ObservationSpace.Describe());
                        w.WriteString("actions", e.ActionSpace.Describe());
                        w.WriteNumber("max_episode_steps", e.MaxEpisodeSteps);
                        w.WriteString("summary", e.Summary);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                }));
                return 0;
            }
            var table = new TextTable(["env", "section", "observations", "actions", "limit", "summary"]);
            foreach (var e in RlCatalogue.Environments)
                table.Add(e.Name, e.BookSection, e.ObservationSpace.Describe(), e.ActionSpace.Describe(), e.MaxEpisodeSteps.ToString(CultureInfo.InvariantCulture), e.Summary);
            table.WriteTo(output);
            return 0;
        });
        return command;
    }

    private static Command Algorithms(TextWriter output)
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object, with each algorithm's settings schema" };
        var settings = new Option<bool>("--settings") { Description = "Also list every algorithm's --set keys" };
        var command = new Command("algos", "List the algorithms: name, book section, action spaces") { settings, json };
        command.SetAction(parse =>
        {
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonText.Object(w =>
                {
                    w.WriteStartArray("algos");
                    foreach (var a in RlCatalogue.Algorithms)
                    {
                        w.WriteStartObject();
                        w.WriteString("algo", a.Name);
                        w.WriteString("section", a.BookSection);
                        w.WriteString("actions", a.ActionSpaces);
                        w.WriteString("summary", a.Summary);
                        w.WritePropertyName("settings");
                        Ml.Models.Settings.SettingsSchema.Of(a.Name, a.Settings).WriteTo(w);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                }));
                return 0;
            }
            var table = new TextTable(["algo", "section", "actions", "summary"]);
            foreach (var a in RlCatalogue.Algorithms) table.Add(a.Name, a.BookSection, a.ActionSpaces, a.Summary);
            table.WriteTo(output);
            if (!parse.GetValue(settings)) return 0;
            var keys = new TextTable(["algo", "setting", "default", "accepts", "meaning"]);
            foreach (var a in RlCatalogue.Algorithms)
                foreach (var s in a.Settings) keys.Add(a.Name, s.Name, s.Format(s.Default), s.Accepted, s.Doc);
            keys.WriteTo(output);
            return 0;
        });
        return command;
    }

    private static Command Train(TextWriter output, TextWriter progress)
    {
        var algo = new Argument<string>("algo") { Description = "The algorithm (`grimoire rl algos`)" };
        var env = new Option<string>("--env") { Description = "The environment (`grimoire rl envs`)", Required = true };
        var steps = new Option<long?>("--steps") { Description = "Environment steps in all (default: the algorithm's for that environment)" };
        var envs = new Option<int>("--envs") { Description = "Copies of the environment stepped together", DefaultValueFactory = _ => 1 };
        var seed = new Option<int>("--seed") { Description = "Seed of the environments, initial weights and sampling", DefaultValueFactory = _ => 0 };
        var threads = new Option<int?>("--threads") { Description = "Worker threads for the kernels (default: GRIMOIRE_THREADS or all cores)" };
        var set = new Option<string[]>("--set") { Description = "An algorithm setting key=value (repeatable); `grimoire rl algos --settings` lists them" };
        var outFile = new Option<string?>("--out") { Description = "Save the trained agent here (and checkpoints during training)" };
        var resume = new Option<string?>("--resume") { Description = "Carry on from a checkpoint of an interrupted run with the same options" };
        var evalEpisodes = new Option<int>("--eval-episodes") { Description = "Episodes the final policy is evaluated on", DefaultValueFactory = _ => 20 };
        var json = new Option<bool>("--json") { Description = "Print only one final JSON object (progress goes to standard error)" };
        var command = new Command("train", "Train an agent and evaluate its final policy") { algo, env, steps, envs, seed, threads, set, outFile, resume, evalEpisodes, json };
        command.SetAction(parse =>
        {
            var algorithm = RlCatalogue.Algorithm(parse.GetValue(algo)!);
            var environment = RlCatalogue.Environment(parse.GetValue(env)!);
            if (algorithm.CannotLearn(environment) is { } why) throw new ModelException(why);
            if (parse.GetValue(threads) is { } t) CpuParallel.Threads = t is >= 1 and <= 1024 ? t : throw new ArgumentException($"--threads must be between 1 and 1024, got {t}");
            var request = new RlTrainRequest(environment, parse.GetValue(steps), parse.GetValue(envs), parse.GetValue(seed), new ModelSettings(parse.GetValue(set) ?? []))
            {
                CheckpointPath = parse.GetValue(outFile),
                ResumePath = parse.GetValue(resume),
                EvalEpisodes = parse.GetValue(evalEpisodes),
            };
            request.Validate();
            var asJson = parse.GetValue(json);
            using var agent = algorithm.Train(request, asJson ? progress : output);
            if (request.CheckpointPath is { } path) agent.Save(path);
            var (mean, _, _) = Evaluation.Run(agent, request.EvalEpisodes, EvaluationSeedBase + (ulong)request.Seed);
            var f = agent.Training;
            var report = new RlReport(algorithm.Name, environment.Name, f.Steps, f.Episodes, f.MeanReturn, mean, request.EvalEpisodes, f.Seconds);
            output.WriteLine(asJson ? Json(report) : string.Create(CultureInfo.InvariantCulture,
                $"{report.Algo} on {report.Env}: {report.Steps} steps, {report.Episodes} episodes in {report.Seconds:F1} s ({report.StepsPerSecond:F0} steps/s); train mean return {report.TrainMeanReturn:F2}, eval mean return {report.EvalMeanReturn:F2} over {report.EvalEpisodes} episodes"));
            return 0;
        });
        return command;
    }

    private static Command Evaluate(TextWriter output)
    {
        var model = new Option<string>("--model") { Description = "An agent saved by `grimoire rl train --out`", Required = true };
        var episodes = new Option<int>("--episodes") { Description = "Episodes to run", DefaultValueFactory = _ => 20 };
        var seed = new Option<int>("--seed") { Description = "Episode e is seeded with seed + e", DefaultValueFactory = _ => 0 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var command = new Command("eval", "Run a saved agent's deterministic policy for some episodes") { model, episodes, seed, json };
        command.SetAction(parse =>
        {
            var (n, s) = (parse.GetValue(episodes), parse.GetValue(seed));
            if (n < 1) throw new ArgumentException($"--episodes must be at least 1, got {n}");
            if (s < 0) throw new ArgumentException($"--seed must be >= 0, got {s}");
            using var agent = RlCatalogue.Load(parse.GetValue(model)!);
            var (mean, std, _) = Evaluation.Run(agent, n, (ulong)s);
            output.WriteLine(parse.GetValue(json)
                ? JsonText.Object(w =>
                {
                    w.WriteString("env", agent.Environment.Name);
                    w.WriteNumber("episodes", n);
                    w.WriteNumber("mean_return", mean);
                    w.WriteNumber("std_return", std);
                })
                : string.Create(CultureInfo.InvariantCulture, $"{agent.Algorithm} on {agent.Environment.Name}: mean return {mean:F2} ± {std:F2} over {n} episodes"));
            return 0;
        });
        return command;
    }

    private static string Json(RlReport r) => JsonText.Object(w =>
    {
        w.WriteString("algo", r.Algo);
        w.WriteString("env", r.Env);
        w.WriteNumber("steps", r.Steps);
        w.WriteNumber("episodes", r.Episodes);
        // null when no training episode finished (a short run of a long task, or a label budget shorter than one expert
        // episode): JSON has no NaN.
        if (double.IsFinite(r.TrainMeanReturn)) w.WriteNumber("train_mean_return", r.TrainMeanReturn);
        else w.WriteNull("train_mean_return");
        w.WriteNumber("eval_mean_return", r.EvalMeanReturn);
        w.WriteNumber("eval_episodes", r.EvalEpisodes);
        w.WriteNumber("seconds", Math.Round(r.Seconds, 6));
        w.WriteNumber("steps_per_second", Math.Round(r.StepsPerSecond, 3));
    });
}
