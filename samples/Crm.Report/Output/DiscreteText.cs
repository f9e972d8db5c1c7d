using System.Globalization;
using System.Text;

namespace Crm.Report.Output;

/// <summary>The BG/BB lines of the text report's models section.</summary>
internal static class DiscreteText
{
    /// <summary>The fit and, per pattern, P(alive at the next occasion) and the expected transactions over the next five.</summary>
    public static void Write(StringBuilder text, DiscreteSection? discrete)
    {
        if (discrete is null)
        {
            return;
        }

        text.AppendLine();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Discrete occasions (BG/BB): {discrete.Summary.Customers:N0} customers in {discrete.Summary.Patterns.Count:N0} patterns"));
        if (discrete.Fit is not { } fit)
        {
            text.AppendLine("BG/BB        not fitted (see the notes)");
            return;
        }

        var m = fit.ModelAsFitted;
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"BG/BB        alpha {m.Alpha:0.000}  beta {m.Beta:0.000}  gamma {m.Gamma:0.000}  delta {m.Delta:0.000}"));
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"             ln L {fit.LogLikelihood:0.00}; AIC {fit.Aic:0.00}; {(fit.IsConverged ? "converged" : Input.Fields.Kebab(fit.Status.ToString()))} in {fit.Iterations} iterations"));
        if (discrete.Rows.Count == 0)
        {
            return;
        }

        text.AppendLine($"{"x",4}{"t_x",5}{"n",5}{"Customers",11}{"P(alive next)",15}{$"E[next {DiscreteSection.Ahead}]",12}");
        foreach (var row in discrete.Rows)
        {
            var p = row.Pattern;
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{p.Frequency,4}{p.Recency,5}{p.Periods,5}{p.Weight,11:N0}{row.ProbabilityAliveNext,15:0.000}{row.ExpectedNext5,12:0.000}"));
        }
    }
}
