-- A batch's window must start after the window it follows. Two sends whose transactions began in one order but
-- committed in the other would otherwise chain the older start behind the newer one: max(start_time) would stay
-- on the newer start while a row already claims it as previous_start_time, and every later send would collide
-- on that unique index (409 for ever). With this check the late one is refused instead, like any concurrent send.
-- NOT VALID: it guards new rows without re-reading history.
ALTER TABLE batch_history ADD CONSTRAINT batch_history_window_moves_forward
    CHECK (start_time > previous_start_time) NOT VALID;
