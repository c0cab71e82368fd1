namespace Grimoire.Rlhf.Preferences;

/// <summary>Who ranks completions: in RLHF proper, people (book §35.2). Everything here asks this interface only, so a
/// user can swap the default stand-in (<see cref="OracleLabeller"/>) for real judgements.</summary>
public interface IPreferenceLabeller
{
    /// <summary>True when <paramref name="first"/> is the better completion of <paramref name="prompt"/>, false when
    /// <paramref name="second"/> is.</summary>
    bool PrefersFirst(string prompt, string first, string second);
}
