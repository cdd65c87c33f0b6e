-- Claims are needed only while every instance hears the question (seconds); older ones are swept.
CREATE INDEX assistant_question_asked ON assistant_question (asked_at);
