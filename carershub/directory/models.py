"""The region's directory of services and community assets, served as Open Referral UK 3.0 at /oruk/."""
