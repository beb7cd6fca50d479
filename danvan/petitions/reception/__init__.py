"""Reception of citizens (tiếp công dân): places, schedules, the reception register."""
