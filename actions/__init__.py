"""Avisa action server: custom actions and form validation, split by feature.

Run from the repository root: ``python -m rasa_sdk --actions actions -p 5055``.
rasa_sdk imports every submodule of this package and registers its actions.
Actions stay thin: slots in, one backend call (:mod:`actions.backend`),
``dispatcher.utter_message(response=...)`` out. Wording lives in bot/domain/.
"""
