namespace Crm.Metrics.Internal;

/// <summary>Receives one row of an <see cref="IStateRowSource{TRow}"/>: its index, and the row unless it is null.</summary>
/// <typeparam name="TRow">The row as a value.</typeparam>
/// <param name="index">The row's index in the state's list.</param>
/// <param name="row">The row; default when <paramref name="present"/> is false.</param>
/// <param name="present">False for a null row.</param>
internal delegate void StateRowReader<TRow>(int index, in TRow row, bool present)
    where TRow : struct;
