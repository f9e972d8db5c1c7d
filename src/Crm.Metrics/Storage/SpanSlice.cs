namespace Crm.Metrics.Storage;

/// <summary>The records [start, start + length) of an indexed source (an array, a list) as a span.</summary>
internal delegate ReadOnlySpan<T> SpanSlice<T>(int start, int length);
