"""The newsroom's sign-in: throttling (django-axes), two-factor codes
(django-otp's TOTP devices plus our hashed recovery codes) and the rule that
makes two-factor compulsory for those who publish or send newsletters."""
