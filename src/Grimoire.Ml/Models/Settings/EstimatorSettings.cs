namespace Grimoire.Ml.Models.Settings;

/// <summary>The two ways settings reach an estimator, both through <see cref="SettingInfo"/>: <see cref="Bind{T}"/>
/// turns the CLI's key=value text into a typed estimator, and <see cref="Validate"/> checks a typed estimator's
/// properties before it fits, with the same ranges.</summary>
public static class EstimatorSettings
{
    /// <summary>A <typeparamref name="T"/> with the settings in <paramref name="settings"/> applied over its defaults; a
    /// <see cref="ModelException"/> for malformed or out-of-range text, and for any key <paramref name="model"/> does
    /// not take (or takes only with another setting's value, such as learning_rate with solver=gd).</summary>
    public static T Bind<T>(ModelSettings settings, string model) where T : new()
    {
        var estimator = new T();
        var all = SettingInfo.Of(typeof(T));
        foreach (var setting in all)
            if (setting.AppliesTo(estimator, all) && settings.TryTake(setting.Name, out var text))
                setting.Set(estimator, setting.Parse(text));
        settings.RejectUnread(model);
        return estimator;
    }

    /// <summary>A <see cref="ModelException"/> naming the first property of <paramref name="estimator"/> out of its
    /// setting's range, e.g. "Ridge.Alpha (setting 'alpha') must be >= 0, got -1".</summary>
    public static void Validate(object estimator)
    {
        foreach (var setting in SettingInfo.Of(estimator.GetType()))
        {
            var value = setting.Get(estimator);
            if (setting.Problem(value) is { } problem)
                throw new ModelException($"{estimator.GetType().Name}.{setting.Property} (setting '{setting.Name}') {problem}, got {setting.Format(value)}");
        }
    }
}
