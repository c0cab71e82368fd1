using Grimoire.Rl.Environments;

namespace Grimoire.Rl.Catalogue;

/// <summary>An environment as the catalogue lists it: name, book section, summary, and a factory of fresh copies with
/// vector observations and either discrete (<see cref="MakeDiscrete"/>) or continuous (<see cref="MakeContinuous"/>)
/// actions; exactly one of the two is set.</summary>
public sealed class EnvironmentEntry
{
    private EnvironmentEntry(string summary, Func<Environment<float[], int>>? discrete, Func<Environment<float[], float[]>>? continuous)
    {
        Summary = summary;
        (MakeDiscrete, MakeContinuous) = (discrete, continuous);
        IEnvironmentInfo prototype = (IEnvironmentInfo?)discrete?.Invoke() ?? continuous!.Invoke();
        (Name, BookSection, ObservationSpace, ActionSpace, MaxEpisodeSteps) =
            (prototype.Name, prototype.BookSection, prototype.ObservationSpace, prototype.ActionSpace, prototype.MaxEpisodeSteps);
    }

    /// <summary>An environment with discrete actions.</summary>
    public static EnvironmentEntry Discrete(string summary, Func<Environment<float[], int>> make) => new(summary, make, null);

    /// <summary>An environment with continuous actions.</summary>
    public static EnvironmentEntry Continuous(string summary, Func<Environment<float[], float[]>> make) => new(summary, null, make);

    /// <summary>The environment's name, e.g. "cartpole".</summary>
    public string Name { get; }

    /// <summary>The book sections it serves.</summary>
    public string BookSection { get; }

    /// <summary>One line for listings.</summary>
    public string Summary { get; }

    /// <summary>Its observations.</summary>
    public Spaces.Space ObservationSpace { get; }

    /// <summary>Its actions.</summary>
    public Spaces.Space ActionSpace { get; }

    /// <summary>The time limit of an episode.</summary>
    public int MaxEpisodeSteps { get; }

    /// <summary>Whether actions are discrete.</summary>
    public bool IsDiscrete => MakeDiscrete is not null;

    /// <summary>Fresh copies, when actions are discrete.</summary>
    public Func<Environment<float[], int>>? MakeDiscrete { get; }

    /// <summary>Fresh copies, when actions are continuous.</summary>
    public Func<Environment<float[], float[]>>? MakeContinuous { get; }
}
