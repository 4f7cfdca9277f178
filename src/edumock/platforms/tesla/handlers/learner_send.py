"""Operations of LearnerSend (``operationId: learner_send.<action>``)."""

from edumock.platforms.tesla.handlers.binding import bind
from edumock.platforms.tesla.models.send import LearnerSendResource

list, create, read, update, partial_update, destroy = bind(LearnerSendResource)
