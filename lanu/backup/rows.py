"""Writing a restore's rows: what bulk_create alone does not keep."""


def keep_times(rows, times, name: str) -> None:
    """Put back the file's times, which auto_now / auto_now_add set to now on creating."""
    for row, time in zip(rows, times, strict=True):
        setattr(row, name, time)
    if rows:
        type(rows[0]).objects.bulk_update(rows, [name])
